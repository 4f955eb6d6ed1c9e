import { AppError } from "@/lib/errors";
import type { TenantScope } from "@/lib/auth";
import { readFile } from "@/lib/workspace";

/** A text file's content, null when there is no such file; a binary file is refused. */
export async function findText(scope: TenantScope, path: string): Promise<string | null> {
  const file = await readFile(scope, path).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not_found") return null;
    throw err;
  });
  if (!file) return null;
  if (file.encoding !== "utf8") throw new AppError("unprocessable", `${path} is a binary file; it cannot be edited as text.`, "path");
  return file.content;
}

/** Cuts `text` to `max` characters, saying so at the end. */
export function capText(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}\n… [truncated: ${text.length - max} more characters]`;
}

/** Whether `path` is a file of the workspace (text or binary). */
export async function fileExists(scope: TenantScope, path: string): Promise<boolean> {
  return readFile(scope, path).then(
    () => true,
    (err: unknown) => {
      if (err instanceof AppError && err.code === "not_found") return false;
      throw err;
    },
  );
}
