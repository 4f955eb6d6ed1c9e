import { createHash } from "node:crypto";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import type { TenantScope } from "@/lib/auth";
import type { TenantDbRef } from "./backend";
import { tenantDbBackend } from "./current-backend";
import { parseInput } from "./parse-input";
import { assertQuotaBytes, DEFAULT_TENANT_QUOTA_BYTES, quotaError } from "./quota";
import { replyError } from "./reply-error";
import type { MigrateResult, RunnerFailure } from "./runner-protocol";
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

/** How long one migration may run unless the caller says otherwise: DDL evaluates tenant expressions over every row. */
export const MIGRATION_TIMEOUT_MS = 60_000;
const ApplyInput = z.strictObject({ migrations: TenantMigrations, timeoutMs: z.number().int().min(100).max(600_000).optional() });

export type ApplyMigrationsOptions = {
  /** Allows dropping tables and columns that hold data. */
  confirmDestructive?: boolean;
  /** The database's disk quota for this call; defaults to DEFAULT_TENANT_QUOTA_BYTES. */
  quotaBytes?: number;
  /** Each migration's deadline (MIGRATION_TIMEOUT_MS unless given); past it, it is stopped and rolled back. */
  timeoutMs?: number;
};

type Pending = { name: string; checksum: string; statements: MigrationStatement[] };
type Context = { db: TenantDbRef; quotaBytes: number; confirmDestructive: boolean; timeoutMs: number };

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

function dataLossError(loss: Extract<MigrateResult, { outcome: "data_loss" }>): AppError {
  const { table, column, rows } = loss;
  if (column === undefined) return new AppError("conflict", `Table "${table}" holds ${rows} rows; confirm to drop it.`, "confirmDestructive");
  const message = `Column "${table}"."${column}" holds ${rows} rows with a value; confirm to drop it.`;
  return new AppError("conflict", message, "confirmDestructive");
}

function failureError(migration: Pending, failure: RunnerFailure, ctx: Context): Error {
  if (failure.kind === "full") return quotaError(ctx.db.env, ctx.quotaBytes);
  return replyError(failure, `Migration ${migration.name}`, "sql");
}

/** Runs one migration in the tenant's lane; false when another process recorded it first. */
async function applyOne(scope: TenantScope, migration: Pending, ctx: Context): Promise<boolean> {
  const request = {
    op: "migrate" as const,
    quotaBytes: ctx.quotaBytes,
    name: migration.name,
    checksum: migration.checksum,
    appliedAt: new Date().toISOString(),
    statements: migration.statements.map(({ sql, drops }) => ({ sql, drops })),
    confirmDestructive: ctx.confirmDestructive,
  };
  const fields = { projectId: scope.projectId, env: ctx.db.env, migration: migration.name };
  const reply = await tenantDbBackend().call(scope, ctx.db, request, ctx.timeoutMs, fields);
  if (!reply.ok) throw failureError(migration, reply, ctx);
  const result = reply.result as MigrateResult;
  switch (result.outcome) {
    case "applied":
    case "skipped":
      return result.outcome === "applied";
    case "data_loss":
      throw dataLossError(result);
    case "failed": {
      if (result.code === "SQLITE_FULL") throw quotaError(ctx.db.env, ctx.quotaBytes);
      const where = `statement ${result.index + 1} (\`${snippetOf(migration.statements[result.index]?.sql ?? "")}\`)`;
      throw new AppError("unprocessable", `Migration ${migration.name} failed at ${where}: ${result.message}`, "sql");
    }
  }
}

/**
 * Applies the migrations `env`'s database has not recorded, in name order, each in its own
 * transaction in the tenant's lane, with a deadline: a failing one leaves the database as it was
 * before it (earlier ones stay applied). Returns the names applied by this call.
 */
export async function applyTenantMigrations(
  scope: TenantScope,
  env: TenantEnv,
  migrations: TenantMigration[],
  options: ApplyMigrationsOptions = {},
): Promise<string[]> {
  return applyTo(scope, { env }, migrations, options);
}

/**
 * Applies the migrations `db`'s ledger lacks to `db`, an environment's database or a scratch copy of it
 * (checkMigrationsOnCopy); its env names it in logs and errors.
 */
export async function applyTo(scope: TenantScope, db: TenantDbRef, migrations: TenantMigration[], options: ApplyMigrationsOptions = {}): Promise<string[]> {
  const input = parseInput(ApplyInput, { migrations, timeoutMs: options.timeoutMs }, "migrations");
  const quotaBytes = options.quotaBytes ?? DEFAULT_TENANT_QUOTA_BYTES;
  assertQuotaBytes(quotaBytes);
  const ctx: Context = {
    db,
    quotaBytes,
    confirmDestructive: options.confirmDestructive === true,
    timeoutMs: input.timeoutMs ?? MIGRATION_TIMEOUT_MS,
  };
  const applied = new Map((await tenantDbBackend().appliedMigrations(scope, db)).map((m) => [m.name, m.checksum]));
  const names: string[] = [];
  for (const migration of pendingMigrations(input.migrations, applied)) {
    if (!(await applyOne(scope, migration, ctx))) continue;
    names.push(migration.name);
    log.info("tenant_db.migration.applied", { projectId: scope.projectId, env: db.env, migration: migration.name });
  }
  return names;
}
