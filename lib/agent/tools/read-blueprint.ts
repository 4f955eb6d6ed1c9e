import { z } from "zod";
import { describeBlueprint, validateBlueprint } from "@/lib/sdui";
import { readFile } from "@/lib/workspace";
import { defineTool } from "../tool";
import { formatBlueprintErrors } from "./build-check";
import { capText } from "./read-text";
import { READ_MAX_CHARS } from "./read-file";
import type { ToolSession } from "./session";

/** read_blueprint: app.json parsed, with a short summary (or its validation errors); marks app.json read. */
export function readBlueprintTool(session: ToolSession) {
  return defineTool({
    name: "read_blueprint",
    readOnly: true,
    description: "Read app.json, the UI blueprint (routes, pages, nodes, bindings to functions), with a short summary and any validation errors.",
    input: z.strictObject({}),
    async run() {
      const file = await readFile(session.scope, "app.json");
      session.readPaths.add("app.json");
      let json: unknown;
      try {
        json = JSON.parse(file.content);
      } catch {
        return { errors: ["(root): app.json is not valid JSON"], content: capText(file.content, READ_MAX_CHARS) };
      }
      const result = validateBlueprint(json);
      const summary = result.ok ? describeBlueprint(result.blueprint) : undefined;
      return { ...(summary && { summary }), ...(!result.ok && { errors: formatBlueprintErrors(result.errors) }), blueprint: json };
    },
  });
}
