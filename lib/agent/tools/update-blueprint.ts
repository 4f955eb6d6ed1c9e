import { z } from "zod";
import { AppError } from "@/lib/errors";
import { compactBlueprintJsonSchema, describeBlueprint, listComponents, listFunctions, validateBlueprint, type Blueprint } from "@/lib/sdui";
import { listFiles } from "@/lib/workspace";
import { defineTool } from "../tool";
import { formatBlueprintErrors } from "./build-check";
import type { ToolSession } from "./session";
import { writeText } from "./write-text";

/** Functions and components the blueprint uses that the workspace does not have (yet). */
async function missingParts(session: ToolSession, blueprint: Blueprint): Promise<string[]> {
  const paths = new Set((await listFiles(session.scope)).map((f) => f.path));
  return [
    ...listFunctions(blueprint).filter((n) => !paths.has(`functions/${n}.ts`)).map((n) => `function "${n}" is used but functions/${n}.ts does not exist`),
    ...listComponents(blueprint).filter((n) => !paths.has(`components/${n}.tsx`)).map((n) => `component "${n}" is used but components/${n}.tsx does not exist`),
  ];
}

/** update_blueprint: validates a whole new app.json, then writes it; invalid ones are refused with JSON paths. */
export function updateBlueprintTool(session: ToolSession) {
  return defineTool({
    name: "update_blueprint",
    description:
      "Replace app.json with a complete new blueprint (validated first; errors name JSON paths and nothing is written). No read is needed first, as the whole document is replaced; answers with a summary and warnings about missing functions or components. " +
      `The blueprint's JSON Schema (docs/blueprint.md explains it): ${JSON.stringify(compactBlueprintJsonSchema())}`,
    input: z.strictObject({ blueprint: z.record(z.string(), z.unknown()).describe("the whole app.json document") }),
    async run({ blueprint }) {
      const result = validateBlueprint(blueprint);
      if (!result.ok) {
        const lines = formatBlueprintErrors(result.errors).map((e) => `- ${e}`);
        throw new AppError("unprocessable", `The blueprint is invalid; app.json was not changed:\n${lines.join("\n")}`, "blueprint");
      }
      // The document as the model sent it, not with defaults filled in: the file stays the model's own text.
      const outcome = await writeText(session, "app.json", `${JSON.stringify(blueprint, null, 2)}\n`, true);
      const warnings = await missingParts(session, result.blueprint);
      return { path: outcome.path, status: outcome.status, summary: describeBlueprint(result.blueprint), ...(warnings.length > 0 && { warnings }) };
    },
  });
}
