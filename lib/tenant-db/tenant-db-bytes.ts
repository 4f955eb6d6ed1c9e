import { folderBytes } from "@/lib/storage";
import { tenantDir } from "./open-tenant-db";

/** The bytes a project's databases take on disk: every environment's file, its WAL, and the deploy snapshots. */
export function tenantDbBytes(projectId: string): Promise<number> {
  return folderBytes(tenantDir({ projectId }));
}
