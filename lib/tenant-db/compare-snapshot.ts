import type { TenantScope } from "@/lib/auth";
import type { TenantDbRef } from "./backend";
import { tenantDbBackend } from "./current-backend";
import { RESERVED_PREFIXES } from "./identifiers";
import { replyError } from "./reply-error";
import type { SchemaResult } from "./runner-protocol";
import { SCHEMA_TIMEOUT_MS } from "./get-schema";
import type { TenantEnv } from "./tenant-env";

/** Rows per table now and in a snapshot (0 where a table exists on one side only). */
export type SnapshotComparison = { tables: { name: string; rowsNow: number; rowsInSnapshot: number }[] };

/** Rows per table of one of the tenant's databases, counted in its lane like every other read of its data; null when it does not exist. */
async function rowCounts(scope: TenantScope, db: TenantDbRef): Promise<Map<string, number> | null> {
  const backend = tenantDbBackend();
  if (!(await backend.exists(scope, db))) return null;
  const request = { op: "schema" as const, reservedPrefixes: [...RESERVED_PREFIXES] };
  const reply = await backend.call(scope, db, request, SCHEMA_TIMEOUT_MS, { projectId: scope.projectId });
  if (!reply.ok) throw replyError(reply, "Counting rows", "env");
  return new Map((reply.result as SchemaResult).tables.map((t) => [t.name, t.rowCount]));
}

/**
 * What putting snapshot `key` back would change in `env`'s database, in rows per table; null when the
 * snapshot no longer exists (pruned, or never taken).
 */
export async function compareSnapshot(scope: TenantScope, env: TenantEnv, key: string): Promise<SnapshotComparison | null> {
  const then = await rowCounts(scope, { env, snapshot: key });
  if (!then) return null;
  const now = (await rowCounts(scope, { env })) ?? new Map<string, number>();
  const names = [...new Set([...now.keys(), ...then.keys()])].sort();
  return { tables: names.map((name) => ({ name, rowsNow: now.get(name) ?? 0, rowsInSnapshot: then.get(name) ?? 0 })) };
}
