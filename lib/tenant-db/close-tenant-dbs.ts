import { openConnections } from "./open-tenant-db";
import { stopLanes } from "./query-lanes";

/** Closes every cached connection and stops every tenant's query runner; the next call opens or spawns again. */
export function closeTenantDbs(): void {
  stopLanes();
  for (const db of openConnections.values()) db.close();
  openConnections.clear();
}
