// Introspection through SQLite's pragma table-valued functions (runner-schema.mjs): platform SQL
// with the table name bound as a parameter, never tenant text.
import type { TenantScope } from "@/lib/auth";
import type { CallOptions } from "./backend";
import { tenantDbBackend } from "./current-backend";
import { RESERVED_PREFIXES } from "./identifiers";
import { replyError } from "./reply-error";
import type { RawTable, SchemaResult } from "./runner-protocol";
import type { TenantEnv } from "./tenant-env";

/** A column; `default` is the SQL text of its default (e.g. `'draft'`, `0`), or null. */
export type TenantColumn = { name: string; type: string; nullable: boolean; default: string | null; primaryKey: boolean };
/** A foreign key from `columns` to `references` in `table`; onDelete is SQLite's action name (e.g. "CASCADE"). */
export type TenantForeignKey = { columns: string[]; table: string; references: string[]; onDelete: string };
/** An index; a UNIQUE constraint shows up as a unique index SQLite named itself. */
export type TenantIndex = { name: string; columns: string[]; unique: boolean };
export type TenantTable = {
  name: string;
  columns: TenantColumn[];
  primaryKey: string[];
  foreignKeys: TenantForeignKey[];
  indexes: TenantIndex[];
  rowCount: number;
  /** WITHOUT ROWID tables cannot be browsed page by page. */
  withoutRowid: boolean;
};
/** A database's tables and views, Myco's and SQLite's own left out. */
export type TenantSchema = { tables: TenantTable[]; views: { name: string }[] };

/** How long introspection may take: it counts every table's rows. */
export const SCHEMA_TIMEOUT_MS = 10_000;

function foreignKeysOf(rows: RawTable["foreignKeys"]): TenantForeignKey[] {
  const byId = new Map<number, TenantForeignKey>();
  for (const row of rows) {
    const key = byId.get(row.id) ?? { columns: [], table: row.table, references: [], onDelete: row.on_delete };
    key.columns.push(row.from);
    // A key without target columns refers to the other table's primary key.
    if (row.to !== null) key.references.push(row.to);
    byId.set(row.id, key);
  }
  return [...byId.values()];
}

function describeTable(raw: RawTable): TenantTable {
  return {
    name: raw.name,
    columns: raw.columns.map((c) => ({
      name: c.name,
      type: c.type,
      nullable: c.notnull === 0 && c.pk === 0,
      default: c.dflt_value,
      primaryKey: c.pk > 0,
    })),
    primaryKey: raw.columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name),
    foreignKeys: foreignKeysOf(raw.foreignKeys),
    // An expression column has no name.
    indexes: raw.indexes.map((i) => ({ name: i.name, columns: i.columns.map((c) => c ?? "(expression)"), unique: i.unique === 1 })),
    rowCount: raw.rowCount,
    withoutRowid: raw.wr === 1,
  };
}

/**
 * The tables (with columns, keys, indexes and row counts) and views of `env`'s database, read in the
 * tenant's lane: counting a large table's rows never holds up this process.
 */
export async function getTenantSchema(scope: TenantScope, env: TenantEnv, { signal }: CallOptions = {}): Promise<TenantSchema> {
  const request = { op: "schema" as const, reservedPrefixes: [...RESERVED_PREFIXES] };
  const reply = await tenantDbBackend().call(scope, { env }, request, SCHEMA_TIMEOUT_MS, { projectId: scope.projectId, env }, signal);
  if (!reply.ok) throw replyError(reply, "Reading the schema", "env");
  const { tables, views } = reply.result as SchemaResult;
  return { tables: tables.map(describeTable), views: views.map((name) => ({ name })) };
}
