import type { TenantScope } from "@/lib/auth";
import { getDb } from "@/lib/db";
import { readArtifact } from "./artifacts";
import { isHotBundle } from "./hot-components";

/**
 * The bytes of a bundle an app's origin may serve: the platform's shared vendor modules, or one of this
 * project's own component bundles; null for anything else. The artifact store is shared and addressed
 * by hash, and a hash is public once a page names it: without the registry check, one tenant's origin
 * would serve another tenant's code as its own 'self' script (a CSP bypass for any injection there).
 * A component's hot build (hot-components.ts) is the project's own before its commit registers it.
 */
export async function readAppAsset(scope: TenantScope, key: string): Promise<Buffer | null> {
  const [kind, file = ""] = key.split("/");
  if (kind === "mfe") {
    const hash = file.replace(/\.js$/, "");
    const db = await getDb();
    const owned = isHotBundle(scope.projectId, hash) || (await db.mfeVersion.findFirst({ where: { projectId: scope.projectId, contentHash: hash }, select: { id: true } }));
    if (!owned) return null;
  } else if (kind !== "vendor") {
    return null;
  }
  return readArtifact(key);
}
