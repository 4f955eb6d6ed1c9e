import * as z from "zod";
import type { BootManifest } from "./boot-manifest";
import type { EnvName } from "./env-name";
import { validateBlueprint } from "./validate-blueprint";

// What the server holds as the blueprint when app.json is not JSON at all (parseBlueprintText in lib/bundler):
// the parse error, with line and column.
const BlueprintTextError = z.strictObject({ invalidJson: z.string().max(1000) });

/**
 * The boot data of one version of an app's page. The blueprint is validated here, on the server, so the
 * browser runtime receives a trusted blueprint (or the problems to list) and carries no validator. Text
 * that is not JSON is one problem at the root.
 */
export function createBootManifest(content: { env: EnvName; blueprint: unknown; components: Record<string, string> }): BootManifest {
  const { env, components } = content;
  const notJson = BlueprintTextError.safeParse(content.blueprint);
  if (notJson.success) return { env, components, errors: [{ path: "", message: notJson.data.invalidJson }] };
  const validation = validateBlueprint(content.blueprint);
  return validation.ok ? { env, components, blueprint: validation.blueprint } : { env, components, errors: validation.errors };
}
