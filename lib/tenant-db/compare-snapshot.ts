import fs from "node:fs";
import Database from "better-sqlite3";
import type { TenantScope } from "@/lib/auth";
import { isReservedName, quoteIdentifier } from "./identifiers";
import { tenantDbPath } from "./open-tenant-db";
import { snapshotPath } from "./snapshots";
import type { TenantEnv } from "./tenant-env";

/** Rows per table now and in a snapshot (0 where a table exists on one side only). */
export type SnapshotComparison = { tables: { name: string; rowsNow: number; rowsInSnapshot: number }[] };

// count(*) evaluates nothing the tenant wrote (no generated column, view or trigger runs), so reading the
// two files here is safe; they are opened read-only, apart from the cached connection writers use.
function rowCounts(file: string): Map<string, number> {
  const counts = new Map<string, number>();
  if (!fs.existsSync(file)) return counts;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const names = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[];
    for (const name of names.filter((n) => !isReservedName(n))) {
      counts.set(name, Number(db.prepare(`SELECT count(*) FROM ${quoteIdentifier(name)}`).pluck().get()));
    }
    return counts;
  } finally {
    db.close();
  }
}

/**
 * What putting snapshot `key` back would change in `env`'s database, in rows per table; null when the
 * snapshot no longer exists (pruned, or never taken).
 */
export function compareSnapshot(scope: TenantScope, env: TenantEnv, key: string): SnapshotComparison | null {
  const copy = snapshotPath(scope, env, key);
  if (!fs.existsSync(copy)) return null;
  const [now, then] = [rowCounts(tenantDbPath(scope, env)), rowCounts(copy)];
  const names = [...new Set([...now.keys(), ...then.keys()])].sort();
  return { tables: names.map((name) => ({ name, rowsNow: now.get(name) ?? 0, rowsInSnapshot: then.get(name) ?? 0 })) };
}
