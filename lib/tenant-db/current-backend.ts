// The tenant database backend this process uses, and what the rest of Myco asks of a project's databases
// as a whole (drop, bytes, start-up leftovers, shutdown): one call to it each.
import type { TenantScope } from "@/lib/auth";
import { processWide } from "@/lib/config";
import type { TenantDbBackend } from "./backend";
import { SqliteFileBackend } from "./sqlite-file-backend";

const backend = processWide("tenantDb.backend", (): TenantDbBackend => new SqliteFileBackend());

/** The backend this process uses. */
export const tenantDbBackend = (): TenantDbBackend => backend;

/** Removes a project's databases when the project is deleted. */
export const deleteTenantDbs = (scope: TenantScope): Promise<void> => backend.drop(scope);
/** Disk use of a project's databases, for the dashboard. */
export const tenantDbBytes = (projectId: string): Promise<number> => backend.bytes(projectId);
/** Start-up after a crash: half-made snapshots, staged restores and migration-check copies. */
export const removeTenantDbLeftovers = (): Promise<string[]> => backend.removeLeftovers();
/** Closes all connections and stops every query runner (shutdown, tests). */
export const closeTenantDbs = (): void => backend.close();
