import { createHash } from "node:crypto";
import { z } from "zod";
import Database from "better-sqlite3";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import type { TenantScope } from "@/lib/auth";
import { quoteIdentifier } from "./identifiers";
import { readAppliedMigrations } from "./list-applied-migrations";
import { DEFAULT_TENANT_QUOTA_BYTES, openTenantDb, quotaErrorOf } from "./open-tenant-db";
import { parseInput } from "./parse-input";
import { snippetOf } from "./split-statements";
import type { TenantEnv } from "./tenant-env";
import { validateMigration, type MigrationStatement } from "./validate-migration";

/** One migration; names sort in the order they apply (e.g. `0003_add_orders`). */
export const TenantMigration = z.strictObject({
  name: z.string().min(1).max(100).regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, "must be letters, digits, _, . and -"),
  sql: z.string().max(200_000),
});
export type TenantMigration = z.infer<typeof TenantMigration>;

const TenantMigrations = z
  .array(TenantMigration)
  .max(1_000)
  .refine((list) => new Set(list.map((m) => m.name)).size === list.length, "migration names must be unique");

export type ApplyMigrationsOptions = {
  /** Allows dropping tables and columns that hold data. */
  confirmDestructive?: boolean;
  /** The database's disk quota for this call; defaults to DEFAULT_TENANT_QUOTA_BYTES. */
  quotaBytes?: number;
};

type Pending = { name: string; checksum: string; statements: MigrationStatement[] };
type Context = { env: TenantEnv; quotaBytes: number; confirmDestructive: boolean };

function checksumOf(sql: string): string {
  return createHash("sha256").update(sql).digest("hex");
}

function validated(name: string, sql: string): MigrationStatement[] {
  try {
    return validateMigration(sql);
  } catch (err) {
    // The same refusal, with the migration it came from.
    if (err instanceof AppError) throw new AppError(err.code, `Migration ${name}: ${err.message}`, err.field);
    throw err;
  }
}

/** The migrations not applied yet, in name order, all validated before any runs; an edited applied one is a conflict. */
function pendingMigrations(migrations: TenantMigration[], applied: Map<string, string>): Pending[] {
  const sorted = [...migrations].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const pending: Pending[] = [];
  for (const { name, sql } of sorted) {
    const checksum = checksumOf(sql);
    const recorded = applied.get(name);
    if (recorded !== undefined && recorded !== checksum) {
      throw new AppError("conflict", `Migration ${name} was changed after it was applied; write a new migration instead.`, "migrations");
    }
    if (recorded === undefined) pending.push({ name, checksum, statements: validated(name, sql) });
  }
  return pending;
}

function countOne(db: Database.Database, sql: string, ...params: string[]): number {
  return Number(db.prepare(sql).pluck().get(...params) ?? 0);
}

/** Refuses a DROP TABLE / DROP COLUMN that would lose data, counted inside the migration's transaction. */
function refuseDataLoss(db: Database.Database, drops: NonNullable<MigrationStatement["drops"]>): void {
  const { table, column } = drops;
  // A missing table or column is left to the statement itself, which fails with SQLite's message.
  if (!countOne(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ? COLLATE NOCASE", table)) return;
  if (column === undefined) {
    const rows = countOne(db, `SELECT count(*) FROM ${quoteIdentifier(table)}`);
    if (rows > 0) throw new AppError("conflict", `Table "${table}" holds ${rows} rows; confirm to drop it.`, "confirmDestructive");
    return;
  }
  if (!countOne(db, "SELECT count(*) FROM pragma_table_info(?) WHERE name = ? COLLATE NOCASE", table, column)) return;
  const rows = countOne(db, `SELECT count(*) FROM ${quoteIdentifier(table)} WHERE ${quoteIdentifier(column)} IS NOT NULL`);
  if (rows > 0) {
    throw new AppError("conflict", `Column "${table}"."${column}" holds ${rows} rows with a value; confirm to drop it.`, "confirmDestructive");
  }
}

function runStatement(db: Database.Database, migration: Pending, index: number, ctx: Context): void {
  const { sql } = migration.statements[index] ?? { sql: "" };
  try {
    // prepare() compiles exactly one statement and refuses text holding more: never exec().
    db.prepare(sql).run();
  } catch (err) {
    const quotaError = quotaErrorOf(err, ctx.env, ctx.quotaBytes);
    if (quotaError) throw quotaError;
    // RangeError: better-sqlite3 found more (or no) statements than the splitter did; the tenant's text is at fault.
    if (!(err instanceof Database.SqliteError) && !(err instanceof RangeError)) throw err;
    const where = `statement ${index + 1} (\`${snippetOf(sql)}\`)`;
    throw new AppError("unprocessable", `Migration ${migration.name} failed at ${where}: ${err.message}`, "sql");
  }
}

/** Applies one migration in one transaction; false when another process recorded it first. */
function applyOne(db: Database.Database, migration: Pending, ctx: Context): boolean {
  const apply = db.transaction((): boolean => {
    if (db.prepare("SELECT 1 FROM _myco_migrations WHERE name = ?").get(migration.name)) return false;
    migration.statements.forEach((statement, index) => {
      if (statement.drops && !ctx.confirmDestructive) refuseDataLoss(db, statement.drops);
      runStatement(db, migration, index, ctx);
    });
    db.prepare("INSERT INTO _myco_migrations (name, checksum, applied_at) VALUES (?, ?, ?)").run(
      migration.name,
      migration.checksum,
      new Date().toISOString(),
    );
    return true;
  });
  // IMMEDIATE takes the write lock up front, so two processes cannot interleave one migration.
  return apply.immediate();
}

/**
 * Applies the migrations `env`'s database has not recorded, in name order, each in its own
 * transaction: a failing one leaves the database as it was before it (earlier ones stay applied).
 * Returns the names applied by this call.
 */
export async function applyTenantMigrations(
  scope: TenantScope,
  env: TenantEnv,
  migrations: TenantMigration[],
  options: ApplyMigrationsOptions = {},
): Promise<string[]> {
  const list = parseInput(z.strictObject({ migrations: TenantMigrations }), { migrations }, "migrations").migrations;
  const ctx: Context = {
    env,
    quotaBytes: options.quotaBytes ?? DEFAULT_TENANT_QUOTA_BYTES,
    confirmDestructive: options.confirmDestructive === true,
  };
  const db = openTenantDb(scope, env, ctx.quotaBytes);
  const applied = new Map(readAppliedMigrations(db).map((m) => [m.name, m.checksum]));
  const names: string[] = [];
  for (const migration of pendingMigrations(list, applied)) {
    if (!applyOne(db, migration, ctx)) continue;
    names.push(migration.name);
    log.info("tenant_db.migration.applied", { projectId: scope.projectId, env, migration: migration.name });
  }
  return names;
}
