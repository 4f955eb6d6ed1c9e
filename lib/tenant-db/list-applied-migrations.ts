import type Database from "better-sqlite3";
import type { TenantScope } from "@/lib/auth";
import { openTenantDb } from "./open-tenant-db";
import type { TenantEnv } from "./tenant-env";

/** A migration recorded in the tenant database; checksum is the sha256 (hex) of its SQL. */
export type AppliedMigration = { name: string; checksum: string; appliedAt: string };

/** The ledger rows in name order. */
export function readAppliedMigrations(db: Database.Database): AppliedMigration[] {
  return db
    .prepare("SELECT name, checksum, applied_at AS appliedAt FROM _myco_migrations ORDER BY name")
    .all() as AppliedMigration[];
}

/** The migrations applied to `env`'s database, in name order. */
export async function listAppliedMigrations(scope: TenantScope, env: TenantEnv): Promise<AppliedMigration[]> {
  return readAppliedMigrations(openTenantDb(scope, env));
}
