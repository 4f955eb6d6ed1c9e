import { z } from "zod";
import { readFile, WorkspacePath } from "@/lib/workspace";
import { defineTool } from "../tool";
import { capText } from "./read-text";
import type { ToolSession } from "./session";

/** Characters of a file the model sees; edit_file still works on the whole file. */
export const READ_MAX_CHARS = 64 * 1024;

/** read_file: a text file's content; marks it read, so it may then be edited or overwritten. */
export function readFileTool(session: ToolSession) {
  return defineTool({
    name: "read_file",
    readOnly: true,
    description: "Read a workspace file's text. You must read a file in this run before you edit or overwrite it.",
    input: z.strictObject({ path: WorkspacePath }),
    async run({ path }) {
      const file = await readFile(session.scope, path);
      if (file.encoding !== "utf8") return `${path} is a binary file (${file.size} bytes); it cannot be shown as text.`;
      session.readPaths.add(path);
      return capText(file.content, READ_MAX_CHARS);
    },
  });
}
