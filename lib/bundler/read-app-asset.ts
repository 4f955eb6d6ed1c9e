import type { TenantScope } from "@/lib/auth";
import { getDb } from "@/lib/db";
import { readArtifact } from "./artifacts";

/**
 * The bytes of a bundle an app's origin may serve: the platform's shared vendor modules, or one of this
 * project's own component bundles; null for anything else. The artifact store is shared and addressed
 * by hash, and a hash is public once a page names it: without the registry check, one tenant's origin
 * would serve another tenant's code as its own 'self' script (a CSP bypass for any injection there).
 */
export async function readAppAsset(scope: TenantScope, key: string): Promise<Buffer | null> {
  const [kind, file = ""] = key.split("/");
  if (kind === "mfe") {
    const db = await getDb();
    const owned = await db.mfeVersion.findFirst({ where: { projectId: scope.projectId, contentHash: file.replace(/\.js$/, "") }, select: { id: true } });
    if (!owned) return null;
  } else if (kind !== "vendor") {
    return null;
  }
  return readArtifact(key);
}
