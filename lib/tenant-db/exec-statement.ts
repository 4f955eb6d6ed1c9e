import { z } from "zod";
import type { TenantScope } from "@/lib/auth";
import type { CallOptions } from "./backend";
import { tenantDbBackend } from "./current-backend";
import type { CellValue } from "./cell-values";
import { parseInput } from "./parse-input";
import { DEFAULT_TENANT_QUOTA_BYTES } from "./quota";
import { replyError } from "./reply-error";
import type { StatementResult } from "./runner-protocol";
import { QUERY_DEFAULT_TIMEOUT_MS, QUERY_MAX_RESULT_BYTES, QUERY_MAX_ROWS, QUERY_MAX_TIMEOUT_MS } from "./run-query";
import type { TenantEnv } from "./tenant-env";
import { validateWrite } from "./validate-write";

const Param = z.union([z.string().max(100_000), z.number().finite(), z.boolean(), z.null()]);

/** One data change: INSERT, UPDATE, DELETE or REPLACE, with bound parameters. */
export const ExecInput = z.strictObject({
  sql: z.string().min(1).max(20_000),
  params: z.array(Param).max(100).optional(),
  timeoutMs: z.number().int().min(100).max(QUERY_MAX_TIMEOUT_MS).optional(),
});
export type ExecInput = z.infer<typeof ExecInput>;

/** How many rows changed, the last inserted rowid, and any RETURNING rows. */
export type ExecResult = { changes: number; lastInsertRowid: CellValue; columns: string[]; rows: CellValue[][] };

/** The database's disk quota for this call (default DEFAULT_TENANT_QUOTA_BYTES), and how to give up. */
export type ExecOptions = CallOptions & { quotaBytes?: number };

/**
 * Runs one data change against `env`'s database in the tenant's lane (a runaway statement is killed
 * at its deadline, and a cancelled one never runs or is rolled back), within the disk quota.
 */
export async function execTenantStatement(scope: TenantScope, env: TenantEnv, input: ExecInput, options: ExecOptions = {}): Promise<ExecResult> {
  const { sql: text, params, timeoutMs } = parseInput(ExecInput, { sql: input.sql, params: input.params, timeoutMs: input.timeoutMs }, "sql");
  const sql = validateWrite(text);
  const reply = await tenantDbBackend().call(
    scope,
    { env },
    {
      op: "write",
      sql,
      params: (params ?? []).map((p) => (typeof p === "boolean" ? Number(p) : p)),
      limit: QUERY_MAX_ROWS,
      maxBytes: QUERY_MAX_RESULT_BYTES,
      quotaBytes: options.quotaBytes ?? DEFAULT_TENANT_QUOTA_BYTES,
    },
    timeoutMs ?? QUERY_DEFAULT_TIMEOUT_MS,
    { projectId: scope.projectId, env },
    options.signal,
  );
  if (!reply.ok) throw replyError(reply);
  const { columns, rows, changes = 0, lastInsertRowid = null } = reply.result as StatementResult;
  return { changes, lastInsertRowid, columns, rows };
}
