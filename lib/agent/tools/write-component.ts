import { z } from "zod";
import { ComponentName } from "@/lib/bundler";
import { defineTool } from "../tool";
import type { ToolSession } from "./session";
import { MAX_WRITE_CHARS } from "./write-file";
import { writeText } from "./write-text";

/** write_component: writes components/<Name>.tsx and bundles it; a failed build stays written, with its diagnostics. */
export function writeComponentTool(session: ToolSession) {
  return defineTool({
    name: "write_component",
    description:
      "Write components/<Name>.tsx (a default-exported React component, placed in app.json as {type: \"component\", name}) and bundle it; the answer has build.ok or diagnostics to fix. Overwriting needs read_file first.",
    input: z.strictObject({ name: ComponentName, code: z.string().min(1).max(MAX_WRITE_CHARS) }),
    async run({ name, code }) {
      const { builds, ...rest } = await writeText(session, `components/${name}.tsx`, code);
      return { ...rest, build: builds?.[0] };
    },
  });
}
