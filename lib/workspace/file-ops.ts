import { z } from "zod";
import type { ProjectScope } from "@/lib/auth";
import type { Logger } from "@/lib/log";
import { CommitMessage, applyChanges, checkContentEncoding, type ChangeResult } from "./apply-changes";
import { WorkspacePath } from "./workspace-path";

// Single-file changes are one-change change sets, so they get the same validation, atomicity and commit.

export const WriteFileInput = z
  .strictObject({
    content: z.string().max(96 * 1024 * 1024),
    encoding: z.enum(["utf8", "base64"]).default("utf8"),
    message: CommitMessage.optional(),
    /** Refuse (409) instead of overwriting an existing file. */
    create: z.boolean().default(false),
  })
  .superRefine(checkContentEncoding);
export type WriteFileInput = z.infer<typeof WriteFileInput>;

export const RenameFileInput = z.strictObject({ to: WorkspacePath, message: CommitMessage.optional() });
export type RenameFileInput = z.infer<typeof RenameFileInput>;

export const DeleteFileQuery = z.strictObject({ message: CommitMessage.optional() });
export type DeleteFileQuery = z.infer<typeof DeleteFileQuery>;

/** Creates or overwrites one file in its own commit. */
export function writeFile(scope: ProjectScope, path: string, input: WriteFileInput, log: Logger): Promise<ChangeResult> {
  const op = input.create ? "create" : "write";
  const message = input.message ?? `${input.create ? "Create" : "Update"} ${path}`;
  return applyChanges(scope, { message, changes: [{ op, path, content: input.content, encoding: input.encoding }] }, log);
}

/** Moves one file in its own commit. */
export function renameFile(scope: ProjectScope, path: string, input: RenameFileInput, log: Logger): Promise<ChangeResult> {
  const message = input.message ?? `Rename ${path} to ${input.to}`;
  return applyChanges(scope, { message, changes: [{ op: "rename", from: path, to: input.to }] }, log);
}

/** Deletes one file in its own commit. */
export function deleteFile(scope: ProjectScope, path: string, query: DeleteFileQuery, log: Logger): Promise<ChangeResult> {
  return applyChanges(scope, { message: query.message ?? `Delete ${path}`, changes: [{ op: "delete", path }] }, log);
}
