import fs from "node:fs";
import path from "node:path";
import type { TenantScope } from "@/lib/auth";
import { log } from "@/lib/log";
import { openConnections, tenantDir } from "./open-tenant-db";

/** Closes a project's connections and removes its databases (every environment) from disk. */
export async function deleteTenantDbs(scope: TenantScope): Promise<void> {
  const dir = tenantDir(scope);
  for (const [file, db] of openConnections) {
    if (path.dirname(file) !== dir) continue;
    db.close();
    openConnections.delete(file);
  }
  await fs.promises.rm(dir, { recursive: true, force: true });
  log.info("tenant_db.deleted", { projectId: scope.projectId });
}
