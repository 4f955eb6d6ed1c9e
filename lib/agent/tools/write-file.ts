import { z } from "zod";
import { WorkspacePath } from "@/lib/workspace";
import { defineTool } from "../tool";
import type { ToolSession } from "./session";
import { writeText } from "./write-text";

/** The most text one write may carry (the workspace's own byte limit applies too). */
export const MAX_WRITE_CHARS = 1_000_000;

/** write_file: creates or overwrites a text file; answers with builds or blueprint errors where they apply. */
export function writeFileTool(session: ToolSession) {
  return defineTool({
    name: "write_file",
    description:
      "Create a file, or overwrite one you read in this run, with the full new text. Writes to functions/, components/ and app.json answer with their build or validation result; db/migrations is off limits (use change_db_schema).",
    input: z.strictObject({ path: WorkspacePath, content: z.string().max(MAX_WRITE_CHARS) }),
    run: ({ path, content }) => writeText(session, path, content),
  });
}
