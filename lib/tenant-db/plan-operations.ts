// Schema changes as data: the model and the API send these operations, never SQL (security notes
// §1.6). Every name is allowlisted by the schema and double-quoted in the output, every default is
// a literal escaped here, and the SQL produced is checked by validateMigration like any other.
import { createHash } from "node:crypto";
import { z } from "zod";
import { IDENTIFIER_PATTERN, isReservedName, quoteIdentifier } from "./identifiers";
import { parseInput } from "./parse-input";
import { validateMigration } from "./validate-migration";

const Name = z
  .string()
  .regex(IDENTIFIER_PATTERN, "must be letters, digits and _, start with a letter or _, and be at most 63 long")
  .refine((n) => !isReservedName(n), "may not start with sqlite_, _myco_ or pragma_");

const ColumnType = z.enum(["text", "integer", "real", "boolean", "datetime", "json", "blob"]);
const DefaultValue = z.union([
  z.string().max(1_000).refine((s) => !s.includes("\0"), "may not contain NUL characters"),
  z.number().finite(),
  z.boolean(),
  z.null(),
]);

/** A column; `nullable` defaults to true, primary key columns are never null. */
export const ColumnSpec = z.strictObject({
  name: Name,
  type: ColumnType,
  nullable: z.boolean().optional(),
  default: DefaultValue.optional(),
  primaryKey: z.boolean().optional(),
  unique: z.boolean().optional(),
  references: z
    .strictObject({ table: Name, column: Name, onDelete: z.enum(["cascade", "set null", "restrict"]).optional() })
    .optional(),
});
export type ColumnSpec = z.infer<typeof ColumnSpec>;

const CreateTable = z
  .strictObject({ op: z.literal("create_table"), table: Name, columns: z.array(ColumnSpec).min(1).max(100) })
  .refine((t) => new Set(t.columns.map((c) => c.name.toLowerCase())).size === t.columns.length, {
    message: "column names must be unique",
    path: ["columns"],
  })
  .refine((t) => t.columns.some((c) => c.primaryKey) || !t.columns.some((c) => c.name.toLowerCase() === "id"), {
    message: 'a column named "id" must be the primary key (without a primary key, Myco adds "id")',
    path: ["columns"],
  });

// SQLite's ADD COLUMN cannot add a key, and a NOT NULL column needs a value for the existing rows.
const AddColumn = z
  .strictObject({ op: z.literal("add_column"), table: Name, column: ColumnSpec })
  .refine((a) => !a.column.primaryKey && !a.column.unique, { message: "an added column cannot be a primary key or unique; add a unique index", path: ["column"] })
  .refine((a) => a.column.nullable !== false || (a.column.default !== undefined && a.column.default !== null), {
    message: "a NOT NULL column needs a non-null default for the existing rows",
    path: ["column", "default"],
  });

/** One schema change. */
export const MigrationOperation = z.discriminatedUnion("op", [
  CreateTable,
  AddColumn,
  z.strictObject({ op: z.literal("drop_column"), table: Name, column: Name }),
  z.strictObject({ op: z.literal("rename_column"), table: Name, from: Name, to: Name }),
  z.strictObject({ op: z.literal("drop_table"), table: Name }),
  z.strictObject({
    op: z.literal("create_index"),
    table: Name,
    columns: z.array(Name).min(1).max(16),
    unique: z.boolean().optional(),
    name: Name.optional(),
  }),
  z.strictObject({ op: z.literal("drop_index"), name: Name }),
]);
export type MigrationOperation = z.infer<typeof MigrationOperation>;

/** The operations of one change, applied in order as one migration. */
export const MigrationOperations = z.array(MigrationOperation).min(1).max(50);
export type MigrationOperations = z.infer<typeof MigrationOperations>;

const SQL_TYPES: Record<ColumnSpec["type"], string> = {
  text: "TEXT",
  integer: "INTEGER",
  real: "REAL",
  // NUMERIC affinity keeps 0/1 as integers and ISO-8601 text as text (Prisma's mapping too).
  boolean: "BOOLEAN",
  datetime: "DATETIME",
  json: "TEXT",
  blob: "BLOB",
};

/** A default as an SQL literal: strings with ' doubled, booleans as 1/0. */
function sqlLiteral(value: string | number | boolean | null): string {
  if (value === null) return "NULL";
  if (typeof value === "boolean") return value ? "1" : "0";
  if (typeof value === "number") return Object.is(value, -0) ? "0" : String(value);
  return `'${value.replaceAll("'", "''")}'`;
}

/** A column definition; `inlineKey` when it is the table's only primary key column. */
function columnSql(column: ColumnSpec, inlineKey: boolean): string {
  const name = quoteIdentifier(column.name);
  const parts = [name, SQL_TYPES[column.type]];
  if (inlineKey) parts.push("PRIMARY KEY");
  if (column.primaryKey || column.nullable === false) parts.push("NOT NULL");
  if (column.unique) parts.push("UNIQUE");
  if (column.default !== undefined) parts.push(`DEFAULT ${sqlLiteral(column.default)}`);
  if (column.type === "boolean") parts.push(`CHECK (${name} IN (0, 1))`);
  if (column.type === "json") parts.push(`CHECK (json_valid(${name}))`);
  const ref = column.references;
  if (ref) {
    parts.push(`REFERENCES ${quoteIdentifier(ref.table)} (${quoteIdentifier(ref.column)})`);
    if (ref.onDelete) parts.push(`ON DELETE ${ref.onDelete.toUpperCase()}`);
  }
  return parts.join(" ");
}

function createTableSql(table: string, columns: ColumnSpec[]): string {
  const keys = columns.filter((c) => c.primaryKey);
  const definitions = columns.map((c) => columnSql(c, keys.length === 1 && keys[0] === c));
  // A table without a key gets the rowid alias "id", so rows have a stable handle.
  if (keys.length === 0) definitions.unshift(`"id" INTEGER PRIMARY KEY`);
  if (keys.length > 1) definitions.push(`PRIMARY KEY (${keys.map((c) => quoteIdentifier(c.name)).join(", ")})`);
  return `CREATE TABLE ${quoteIdentifier(table)} (\n  ${definitions.join(",\n  ")}\n)`;
}

/** `<table>_<columns>_idx`, shortened with a hash when longer than a name may be. */
function indexName(table: string, columns: string[]): string {
  const name = `${table}_${columns.join("_")}_idx`;
  if (name.length <= 63) return name;
  return `${name.slice(0, 54)}_${createHash("sha256").update(name).digest("hex").slice(0, 8)}`;
}

function operationSql(op: MigrationOperation): string {
  const table = "table" in op ? quoteIdentifier(op.table) : "";
  switch (op.op) {
    case "create_table":
      return createTableSql(op.table, op.columns);
    case "add_column":
      return `ALTER TABLE ${table} ADD COLUMN ${columnSql(op.column, false)}`;
    case "drop_column":
      return `ALTER TABLE ${table} DROP COLUMN ${quoteIdentifier(op.column)}`;
    case "rename_column":
      return `ALTER TABLE ${table} RENAME COLUMN ${quoteIdentifier(op.from)} TO ${quoteIdentifier(op.to)}`;
    case "drop_table":
      return `DROP TABLE ${table}`;
    case "create_index": {
      const name = quoteIdentifier(op.name ?? indexName(op.table, op.columns));
      const columns = op.columns.map(quoteIdentifier).join(", ");
      return `CREATE ${op.unique ? "UNIQUE " : ""}INDEX ${name} ON ${table} (${columns})`;
    }
    case "drop_index":
      return `DROP INDEX ${quoteIdentifier(op.name)}`;
  }
}

/**
 * The migration SQL for `operations` (one statement per operation). Invalid operations are
 * bad_request naming the field; the result is checked by validateMigration before it is returned.
 */
export function planOperations(operations: MigrationOperations): string {
  // Wrapped so that a bad field is named from the top, e.g. "operations.0.columns.1.name".
  const parsed = parseInput(z.strictObject({ operations: MigrationOperations }), { operations }, "operations");
  const sql = `${parsed.operations.map(operationSql).join(";\n\n")};\n`;
  validateMigration(sql);
  return sql;
}
