import { z } from "zod";
import { listFiles } from "@/lib/workspace";
import { defineTool } from "../tool";
import type { ToolSession } from "./session";

const MAX_ENTRIES = 1000;

/** list_files: every workspace path at HEAD with its size. */
export function listFilesTool(session: ToolSession) {
  return defineTool({
    name: "list_files",
    readOnly: true,
    description: "List every file of the app's workspace (path and size in bytes). Start here to see what exists.",
    input: z.strictObject({}),
    async run() {
      const files = await listFiles(session.scope);
      const lines = files.slice(0, MAX_ENTRIES).map((f) => `${f.path} (${f.size} B)`);
      if (files.length > MAX_ENTRIES) lines.push(`… and ${files.length - MAX_ENTRIES} more files`);
      return lines.length > 0 ? lines.join("\n") : "The workspace is empty.";
    },
  });
}
