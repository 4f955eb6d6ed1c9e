import { z } from "zod";
import { buildAllComponents } from "@/lib/bundler";
import { readFile } from "@/lib/workspace";
import { defineTool } from "../tool";
import { listPreviewErrors } from "../preview-errors";
import { checkBlueprintText } from "./build-check";
import type { ToolSession } from "./session";

const MAX_DIAGNOSTICS = 10;

/** read_preview_errors: what the preview reported, components that do not build, and app.json's problems. */
export function readPreviewErrorsTool(session: ToolSession) {
  return defineTool({
    name: "read_preview_errors",
    readOnly: true,
    description: "Show what is broken in the app preview: errors the preview reported, components that fail to build, and app.json validation errors.",
    input: z.strictObject({}),
    async run() {
      // A visitor's build: reading errors must not add packages or commit anything.
      const [statuses, blueprint] = await Promise.all([buildAllComponents(session.scope), readFile(session.scope, "app.json")]);
      const components = statuses.flatMap((s) =>
        s.ok ? [] : [{ name: s.name, diagnostics: s.errors.slice(0, MAX_DIAGNOSTICS).map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`) }],
      );
      const blueprintErrors = checkBlueprintText(blueprint.content).errors ?? [];
      const preview = listPreviewErrors(session.scope.projectId);
      if (preview.length + components.length + blueprintErrors.length === 0) return "No errors: the preview reported none, every component builds and app.json is valid.";
      return {
        ...(preview.length > 0 && { preview }),
        ...(components.length > 0 && { components }),
        ...(blueprintErrors.length > 0 && { blueprint: blueprintErrors }),
      };
    },
  });
}
