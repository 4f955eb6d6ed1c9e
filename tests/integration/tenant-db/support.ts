// Helpers for the tenant-db integration tests (not a test file itself).
import { randomUUID } from "node:crypto";
import type Database from "better-sqlite3";
import type { ProjectScope } from "@/lib/auth";
import { applyTenantMigrations } from "@/lib/tenant-db";
import { openTenantDb } from "@/lib/tenant-db/open-tenant-db";

/** A scope for a fresh project, as authorize() would make one. */
export function newScope(): ProjectScope {
  return { projectId: randomUUID(), userId: randomUUID(), role: "owner" } as ProjectScope;
}

/** The platform's own connection, for seeding rows the public API cannot write. */
export function rawDb(scope: ProjectScope, env: "dev" | "staging" | "prod" = "dev"): Database.Database {
  return openTenantDb(scope, env);
}

/** Creates `table` with an integer id and a text column, holding `count` rows. */
export async function seedTable(scope: ProjectScope, table: string, count: number): Promise<void> {
  await applyTenantMigrations(scope, "dev", [{ name: `seed_${table}`, sql: `CREATE TABLE ${table} (id INTEGER PRIMARY KEY, label TEXT)` }]);
  const insert = rawDb(scope).prepare(`INSERT INTO ${table} (label) VALUES (?)`);
  rawDb(scope).transaction(() => {
    for (let i = 1; i <= count; i += 1) insert.run(`row ${i}`);
  })();
}

/** The rejection of `promise` (fails the test when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<{ code?: string; field?: string; message: string }> {
  try {
    await promise;
  } catch (err) {
    return err as { code?: string; field?: string; message: string };
  }
  throw new Error("expected a rejection");
}
