import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { TenantScope } from "@/lib/auth";
import type { CellValue } from "./cell-values";
import { openTenantDb, tenantDbPath } from "./open-tenant-db";
import { parseInput } from "./parse-input";
import { runInQueryRunner, type RunnerReply } from "./query-runner-client";
import { TenantEnv } from "./tenant-env";
import { validateQuery } from "./validate-query";

/** Rows a query returns unless it asks for fewer (at most QUERY_MAX_ROWS). */
export const QUERY_DEFAULT_ROWS = 100;
export const QUERY_MAX_ROWS = 1000;
/** How long a query may run unless it asks for less (at most QUERY_MAX_TIMEOUT_MS). */
export const QUERY_DEFAULT_TIMEOUT_MS = 2_000;
export const QUERY_MAX_TIMEOUT_MS = 10_000;
/** A result larger than this (roughly, as JSON) is refused rather than shipped to the browser. */
export const QUERY_MAX_RESULT_BYTES = 8 * 1024 * 1024;

const QueryParam = z.union([z.string().max(100_000), z.number().finite(), z.boolean(), z.null()]);

/** A query's own options, as runTenantQuery takes them. */
export const RunQueryInput = z.strictObject({
  sql: z.string().min(1).max(20_000),
  params: z.array(QueryParam).max(100).optional(),
  limit: z.number().int().min(1).max(QUERY_MAX_ROWS).optional(),
  timeoutMs: z.number().int().min(100).max(QUERY_MAX_TIMEOUT_MS).optional(),
});
export type RunQueryInput = z.infer<typeof RunQueryInput>;

/** The HTTP body of a query: the options plus the environment. */
export const QueryInput = RunQueryInput.extend({ env: TenantEnv });
export type QueryInput = z.infer<typeof QueryInput>;

/** A query's rows as arrays in `columns` order; `truncated` when more rows matched than the limit. */
export type QueryResult = { columns: string[]; rows: CellValue[][]; truncated: boolean; durationMs: number };

export function replyError(reply: Exclude<RunnerReply, { ok: true }>): Error {
  switch (reply.kind) {
    case "sqlite":
      return new AppError("unprocessable", `Query failed: ${reply.message}`, "sql");
    case "not_reader":
      return new AppError("unprocessable", reply.message, "sql");
    case "too_large":
      return new AppError("payload_too_large", `${reply.message} Select fewer rows or columns.`, "sql");
    case "full":
      return new AppError("payload_too_large", "The database is full: it has reached its disk quota.", "sql");
    case "internal":
      // better-sqlite3 throws a RangeError, not an SqliteError, when the values do not fit the placeholders.
      if (/^RangeError: .*parameter/i.test(reply.message)) {
        return new AppError("unprocessable", `Query failed: ${reply.message.slice("RangeError: ".length)}`, "params");
      }
      return new Error(`query runner failed: ${reply.message}`);
  }
}

/**
 * Runs one read-only SELECT against `env`'s database in the supervised runner process, so a slow
 * query is stopped at its deadline without blocking this process.
 */
export async function runTenantQuery(scope: TenantScope, env: TenantEnv, input: RunQueryInput): Promise<QueryResult> {
  // Picked field by field: the HTTP body (QueryInput) also carries env.
  const options = parseInput(
    RunQueryInput,
    { sql: input.sql, params: input.params, limit: input.limit, timeoutMs: input.timeoutMs },
    "sql",
  );
  const sql = validateQuery(options.sql);
  openTenantDb(scope, env); // the runner opens the file read-only and never creates it
  const reply = await runInQueryRunner(
    {
      mode: "read",
      file: tenantDbPath(scope, env),
      sql,
      // SQLite has no booleans; 1 and 0 are what a boolean column holds.
      params: (options.params ?? []).map((p) => (typeof p === "boolean" ? Number(p) : p)),
      limit: options.limit ?? QUERY_DEFAULT_ROWS,
      maxBytes: QUERY_MAX_RESULT_BYTES,
    },
    options.timeoutMs ?? QUERY_DEFAULT_TIMEOUT_MS,
    { projectId: scope.projectId, env },
  );
  if (!reply.ok) throw replyError(reply);
  return reply.result;
}
