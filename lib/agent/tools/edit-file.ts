import { z } from "zod";
import { AppError } from "@/lib/errors";
import { WorkspacePath } from "@/lib/workspace";
import { defineTool } from "../tool";
import { refuseMigrationPath } from "./guard-path";
import { findText } from "./read-text";
import { requireRead, type ToolSession } from "./session";
import { writeText } from "./write-text";

function countOf(text: string, search: string): number {
  return text.split(search).length - 1;
}

/** edit_file: one exact search/replace in a file read earlier in this run. */
export function editFileTool(session: ToolSession) {
  return defineTool({
    name: "edit_file",
    description:
      "Replace exactly one occurrence of `search` with `replace` in a file you read in this run; `search` must match once, so include enough surrounding lines.",
    input: z.strictObject({ path: WorkspacePath, search: z.string().min(1).max(20_000), replace: z.string().max(100_000) }),
    async run({ path, search, replace }) {
      refuseMigrationPath(path);
      const text = await findText(session.scope, path);
      if (text === null) throw new AppError("not_found", `No file ${path}; use write_file to create it.`, "path");
      requireRead(session, path);
      const count = countOf(text, search);
      if (count === 0) throw new AppError("unprocessable", `search text not found in ${path}; read_file it again and copy the text exactly.`, "search");
      if (count > 1) {
        throw new AppError("unprocessable", `search text occurs ${count} times in ${path}; include more surrounding lines so it matches exactly once.`, "search");
      }
      // A replacer function: a string replacement would expand "$&" and similar patterns.
      return writeText(session, path, text.replace(search, () => replace));
    },
  });
}
