import { z } from "zod";
import { AppError } from "@/lib/errors";
import { route, notAllowed } from "@/lib/http";
import { buildComponent, ComponentName } from "@/lib/bundler";
import { EnvName } from "@/lib/sdui";

// Reached through proxy.ts's rewrite of <slug>.apps…/_myco/c/<Name>: the dev app's page names every
// component it does not show first by this URL (headShellContent), so that page need not wait for their builds.
const params = z.strictObject({ slug: z.string().min(1).max(40), env: EnvName, name: ComponentName });

/** The component's bundle at the workspace HEAD: built (once per commit), then a redirect to its immutable URL. */
export const GET = route({ access: "app", params }, async ({ scope, params }) => {
  if (scope.env !== "dev") throw new AppError("not_found", "Only the dev app builds components when asked; a release names its bundles.", "env");
  const built = await buildComponent(scope, params.name);
  return new Response(null, { status: 302, headers: { location: built.url, "cache-control": "no-store", "cross-origin-resource-policy": "same-site" } });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed({ GET });
