import { z } from "zod";
import { AppError } from "@/lib/errors";
import { route, notAllowed } from "@/lib/http";
import { readAppAsset } from "@/lib/bundler";
import { EnvName } from "@/lib/sdui";

// Reached through proxy.ts's rewrite of <slug>[--env].apps…/_myco/a/<kind>/<sha256>.<js|css>: modules, and
// the runtime's stylesheet.
const params = z.strictObject({
  slug: z.string().min(1).max(40),
  env: EnvName,
  key: z.array(z.string()).length(2).transform((k) => k.join("/")).pipe(z.string().regex(/^(mfe\/[0-9a-f]{64}\.js|vendor\/[0-9a-f]{64}\.(js|css))$/, "is not an asset")),
});

/** Content-addressed bundles: immutable, so cached for a year and revalidated by ETag if ever asked. */
export const GET = route({ access: "app", params }, async ({ scope, params, req }) => {
  const [hash = "", ext] = params.key.slice(params.key.indexOf("/") + 1).split(".");
  const etag = `"${hash}"`;
  const headers = {
    "content-type": ext === "css" ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8", "cache-control": "public, max-age=31536000, immutable", etag,
    "x-content-type-options": "nosniff", "cross-origin-resource-policy": "same-site",
  };
  if (req.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  const bytes = await readAppAsset(scope, params.key);
  if (!bytes) throw new AppError("not_found", "No such asset.", "key");
  return new Response(new Uint8Array(bytes), { headers });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed({ GET });
