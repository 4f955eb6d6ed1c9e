import fs from "node:fs";
import type { TenantScope } from "@/lib/auth";
import { RESERVED_PREFIXES } from "./identifiers";
import { tenantDbPath } from "./open-tenant-db";
import { runInLane } from "./query-lanes";
import { replyError } from "./reply-error";
import type { SchemaResult } from "./runner-protocol";
import { SCHEMA_TIMEOUT_MS } from "./get-schema";
import { snapshotPath } from "./snapshots";
import type { TenantEnv } from "./tenant-env";

/** Rows per table now and in a snapshot (0 where a table exists on one side only). */
export type SnapshotComparison = { tables: { name: string; rowsNow: number; rowsInSnapshot: number }[] };

/** Rows per table of one of the tenant's files, counted in its lane like every other read of its data. */
async function rowCounts(scope: TenantScope, file: string): Promise<Map<string, number>> {
  if (!fs.existsSync(file)) return new Map();
  const request = { op: "schema" as const, file, reservedPrefixes: [...RESERVED_PREFIXES] };
  const reply = await runInLane(scope.projectId, request, SCHEMA_TIMEOUT_MS, { projectId: scope.projectId });
  if (!reply.ok) throw replyError(reply, "Counting rows", "env");
  return new Map((reply.result as SchemaResult).tables.map((t) => [t.name, t.rowCount]));
}

/**
 * What putting snapshot `key` back would change in `env`'s database, in rows per table; null when the
 * snapshot no longer exists (pruned, or never taken).
 */
export async function compareSnapshot(scope: TenantScope, env: TenantEnv, key: string): Promise<SnapshotComparison | null> {
  const copy = snapshotPath(scope, env, key);
  if (!fs.existsSync(copy)) return null;
  const now = await rowCounts(scope, tenantDbPath(scope, env));
  const then = await rowCounts(scope, copy);
  const names = [...new Set([...now.keys(), ...then.keys()])].sort();
  return { tables: names.map((name) => ({ name, rowsNow: now.get(name) ?? 0, rowsInSnapshot: then.get(name) ?? 0 })) };
}
