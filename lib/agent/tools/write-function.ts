import { z } from "zod";
import { FunctionName } from "@/lib/bundler";
import { defineTool } from "../tool";
import type { ToolSession } from "./session";
import { MAX_WRITE_CHARS } from "./write-file";
import { writeText } from "./write-text";

/** write_function: writes functions/<name>.ts and builds it; a failed build stays written, with its diagnostics. */
export function writeFunctionTool(session: ToolSession) {
  return defineTool({
    name: "write_function",
    description:
      "Write functions/<name>.ts (a default-exported async handler(req, ctx) served at /_fn/<name>) and build it; the answer has build.ok or diagnostics (file:line:column) to fix. Overwriting needs read_file first.",
    input: z.strictObject({ name: FunctionName, code: z.string().min(1).max(MAX_WRITE_CHARS) }),
    async run({ name, code }) {
      const { builds, ...rest } = await writeText(session, `functions/${name}.ts`, code);
      return { ...rest, build: builds?.[0] };
    },
  });
}
