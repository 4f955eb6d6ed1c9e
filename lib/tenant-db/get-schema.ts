// Introspection through SQLite's pragma table-valued functions: platform SQL with the table name
// bound as a parameter, never tenant text.
import type Database from "better-sqlite3";
import type { TenantScope } from "@/lib/auth";
import { isReservedName, quoteIdentifier } from "./identifiers";
import { openTenantDb } from "./open-tenant-db";
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

type ListedTable = { name: string; type: string; wr: number };
type ColumnRow = { name: string; type: string; notnull: number; dflt_value: string | null; pk: number };
type ForeignKeyRow = { id: number; table: string; from: string; to: string | null; on_delete: string };
type IndexRow = { name: string; unique: number };

/** The tenant's own tables and views, in name order. */
export function listTenantTables(db: Database.Database): ListedTable[] {
  const rows = db
    .prepare("SELECT name, type, wr FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'view') ORDER BY name")
    .all() as ListedTable[];
  return rows.filter((row) => !isReservedName(row.name));
}

/** A table's columns in declaration order. */
export function readColumns(db: Database.Database, table: string): ColumnRow[] {
  return db.prepare("SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid").all(table) as ColumnRow[];
}

function readForeignKeys(db: Database.Database, table: string): TenantForeignKey[] {
  const rows = db
    .prepare("SELECT id, \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq")
    .all(table) as ForeignKeyRow[];
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

function readIndexes(db: Database.Database, table: string): TenantIndex[] {
  const indexes = db
    .prepare("SELECT name, \"unique\" FROM pragma_index_list(?) WHERE origin <> 'pk' ORDER BY name")
    .all(table) as IndexRow[];
  const columnsOf = db.prepare("SELECT name FROM pragma_index_info(?) ORDER BY seqno").pluck();
  return indexes.map((index) => ({
    name: index.name,
    // An expression column has no name.
    columns: (columnsOf.all(index.name) as (string | null)[]).map((c) => c ?? "(expression)"),
    unique: index.unique === 1,
  }));
}

function describeTable(db: Database.Database, listed: ListedTable): TenantTable {
  const columns = readColumns(db, listed.name);
  return {
    name: listed.name,
    columns: columns.map((c) => ({
      name: c.name,
      type: c.type,
      nullable: c.notnull === 0 && c.pk === 0,
      default: c.dflt_value,
      primaryKey: c.pk > 0,
    })),
    primaryKey: columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name),
    foreignKeys: readForeignKeys(db, listed.name),
    indexes: readIndexes(db, listed.name),
    rowCount: Number(db.prepare(`SELECT count(*) FROM ${quoteIdentifier(listed.name)}`).pluck().get()),
    withoutRowid: listed.wr === 1,
  };
}

/** The tables (with columns, keys, indexes and row counts) and views of `env`'s database. */
export async function getTenantSchema(scope: TenantScope, env: TenantEnv): Promise<TenantSchema> {
  const db = openTenantDb(scope, env);
  const listed = listTenantTables(db);
  return {
    tables: listed.filter((t) => t.type === "table").map((t) => describeTable(db, t)),
    views: listed.filter((t) => t.type === "view").map((t) => ({ name: t.name })),
  };
}
