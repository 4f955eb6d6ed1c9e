// The Database tab's row editor: one row at a time, in dev only, by its primary key. Everything runs
// in the project's lane (runner-rows.mjs), like a function's db.exec, with a deadline and the caller's
// signal; names are checked against the table there, and values are always bound parameters.
import { getConfig } from "@/lib/config";
import { getDb, recordAudit } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { ProjectScope } from "@/lib/auth";
import type { CallOptions } from "./backend";
import { tenantDbBackend } from "./current-backend";
import type { CellValue } from "./cell-values";
import { isReservedName } from "./identifiers";
import { parseInput } from "./parse-input";
import { DEFAULT_TENANT_QUOTA_BYTES } from "./quota";
import { replyError } from "./reply-error";
import { DeleteRowInput, InsertRowInput, UpdateRowInput, type RowKey, type RowValues } from "./row-input";
import type { ChangeRowResult } from "./runner-protocol";
import type { TenantEnv } from "./tenant-env";

/** How long one row change may run: a cascade or a trigger can touch many rows. */
export const ROW_CHANGE_TIMEOUT_MS = 10_000;

/** The row as it now is (as it was, for a delete), in column order, and its primary key (null without one). */
export type ChangedRow = { columns: string[]; row: CellValue[]; key: Record<string, CellValue> | null };

type Action = "insert" | "update" | "delete";
type Change = { action: Action; table: string; key: RowKey; values: RowValues };

const SUBJECTS: Record<Action, string> = { insert: "Adding the row", update: "Changing the row", delete: "Deleting the row" };
const AUDIT_ACTIONS: Record<Action, string> = { insert: "tenant_db.row_inserted", update: "tenant_db.row_updated", delete: "tenant_db.row_deleted" };

/** SQLite's message, without the server's folders (an I/O error can name the file). */
function withoutPaths(message: string): string {
  return message.split(getConfig().dataDir).join("<data>");
}

function assertDev(env: TenantEnv): void {
  if (env === "dev") return;
  throw new AppError("forbidden", `The ${env} database is read-only here; rows can be added, changed and deleted only in dev.`, "env");
}

function keyOf(done: Extract<ChangeRowResult, { outcome: "done" }>): Record<string, CellValue> | null {
  if (done.primaryKey.length === 0) return null;
  return Object.fromEntries(done.primaryKey.map((name) => [name, done.row[done.columns.indexOf(name)] ?? null]));
}

function refusal(result: Exclude<ChangeRowResult, { outcome: "done" }>, change: Change): AppError {
  const table = `"${change.table}"`;
  switch (result.outcome) {
    case "no_table":
      return new AppError("not_found", `The dev database has no table ${table}.`, "table");
    case "no_column":
      return new AppError("bad_request", `values.${result.column}: ${table} has no column "${result.column}".`, `values.${result.column}`);
    case "no_primary_key":
      return new AppError("unprocessable", `${table} has no primary key, so its rows cannot be addressed one by one; add a key with a migration.`, "table");
    case "key_mismatch":
      return new AppError("bad_request", `key: give ${table}'s whole primary key: ${result.primaryKey.join(", ")}.`, "key");
    case "no_row":
      return new AppError("not_found", `${table} has no row with the key ${JSON.stringify(change.key).slice(0, 200)}.`, "key");
  }
}

async function audit(scope: ProjectScope, change: Change, key: Record<string, CellValue> | null): Promise<void> {
  // Key values only, cut short: the audit log records which row changed, not the tenant's data.
  const shortKey = key && Object.fromEntries(Object.entries(key).map(([k, v]) => [k, typeof v === "string" ? v.slice(0, 200) : v]));
  const db = await getDb();
  await db.$transaction((tx) =>
    recordAudit(tx, { projectId: scope.projectId, actorId: scope.userId }, AUDIT_ACTIONS[change.action], {
      env: "dev",
      table: change.table,
      key: shortKey,
      columns: Object.keys(change.values),
    }),
  );
}

async function changeRow(scope: ProjectScope, env: TenantEnv, change: Change, { signal }: CallOptions): Promise<ChangedRow> {
  assertDev(env);
  if (isReservedName(change.table)) throw refusal({ outcome: "no_table" }, change);
  // SQLite has no booleans; 1 and 0 are what a boolean column holds.
  const pairs = (o: Record<string, string | number | boolean | null>) =>
    Object.entries(o).map(([k, v]): [string, string | number | null] => [k, typeof v === "boolean" ? Number(v) : v]);
  const request = { op: "row" as const, quotaBytes: DEFAULT_TENANT_QUOTA_BYTES, table: change.table, action: change.action, key: pairs(change.key), values: pairs(change.values) };
  const reply = await tenantDbBackend().call(scope, { env }, request, ROW_CHANGE_TIMEOUT_MS, { projectId: scope.projectId, env }, signal);
  if (!reply.ok) throw replyError({ ...reply, message: withoutPaths(reply.message) }, SUBJECTS[change.action], change.action === "delete" ? "key" : "values");
  const result = reply.result as ChangeRowResult;
  if (result.outcome !== "done") throw refusal(result, change);
  const key = keyOf(result);
  await audit(scope, change, key);
  return { columns: result.columns, row: result.row, key };
}

/** Adds a row to a dev table; columns left out take their defaults. Constraint failures are unprocessable. */
export function insertTenantRow(scope: ProjectScope, env: TenantEnv, table: string, input: InsertRowInput, options: CallOptions = {}): Promise<ChangedRow> {
  const { values } = parseInput(InsertRowInput, { values: input.values }, "values");
  return changeRow(scope, env, { action: "insert", table, key: {}, values }, options);
}

/** Sets columns of the dev row with primary key `key`; not_found when no row has it. */
export function updateTenantRow(scope: ProjectScope, env: TenantEnv, table: string, input: UpdateRowInput, options: CallOptions = {}): Promise<ChangedRow> {
  const { key, values } = parseInput(UpdateRowInput, { key: input.key, values: input.values }, "values");
  return changeRow(scope, env, { action: "update", table, key, values }, options);
}

/** Deletes the dev row with primary key `key`; not_found when no row has it. */
export async function deleteTenantRow(scope: ProjectScope, env: TenantEnv, table: string, input: DeleteRowInput, options: CallOptions = {}): Promise<void> {
  const { key } = parseInput(DeleteRowInput, { key: input.key }, "key");
  await changeRow(scope, env, { action: "delete", table, key, values: {} }, options);
}
