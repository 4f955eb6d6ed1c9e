import { z } from "zod";
import type { TenantScope } from "@/lib/auth";
import type { CallOptions } from "./backend";
import { tenantDbBackend } from "./current-backend";
import type { CellValue } from "./cell-values";
import { parseInput } from "./parse-input";
import { replyError } from "./reply-error";
import type { StatementResult } from "./runner-protocol";
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

/**
 * Runs one read-only SELECT against `env`'s database in the tenant's lane (its own runner process),
 * so a slow query is stopped at its deadline without blocking this process or another tenant's
 * queries; aborting `signal` cancels it, waiting or running.
 */
export async function runTenantQuery(scope: TenantScope, env: TenantEnv, input: RunQueryInput, { signal }: CallOptions = {}): Promise<QueryResult> {
  // Picked field by field: the HTTP body (QueryInput) also carries env.
  const options = parseInput(
    RunQueryInput,
    { sql: input.sql, params: input.params, limit: input.limit, timeoutMs: input.timeoutMs },
    "sql",
  );
  const sql = validateQuery(options.sql);
  const reply = await tenantDbBackend().call(
    scope,
    { env },
    {
      op: "read",
      sql,
      // SQLite has no booleans; 1 and 0 are what a boolean column holds.
      params: (options.params ?? []).map((p) => (typeof p === "boolean" ? Number(p) : p)),
      limit: options.limit ?? QUERY_DEFAULT_ROWS,
      maxBytes: QUERY_MAX_RESULT_BYTES,
    },
    options.timeoutMs ?? QUERY_DEFAULT_TIMEOUT_MS,
    { projectId: scope.projectId, env },
    signal,
  );
  if (!reply.ok) throw replyError(reply);
  const { columns, rows, truncated, durationMs } = reply.result as StatementResult;
  return { columns, rows, truncated, durationMs };
}
