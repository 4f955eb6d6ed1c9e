import { openConnections } from "./open-tenant-db";
import { stopQueryRunner } from "./query-runner-client";

/** Closes every cached connection and stops the query runner; the next call opens or spawns again. */
export function closeTenantDbs(): void {
  stopQueryRunner();
  for (const db of openConnections.values()) db.close();
  openConnections.clear();
}
