import fs from "node:fs";
import path from "node:path";
import type { TenantScope } from "@/lib/auth";
import { log } from "@/lib/log";
import { openConnections, tenantDir } from "./open-tenant-db";
import { stopLane } from "./query-lanes";

/** Stops the project's lane, closes its connections and removes its databases (every environment) from disk. */
export async function deleteTenantDbs(scope: TenantScope): Promise<void> {
  const dir = tenantDir(scope);
  stopLane(scope.projectId);
  for (const [file, db] of openConnections) {
    if (path.dirname(file) !== dir) continue;
    db.close();
    openConnections.delete(file);
  }
  await fs.promises.rm(dir, { recursive: true, force: true });
  log.info("tenant_db.deleted", { projectId: scope.projectId });
}
