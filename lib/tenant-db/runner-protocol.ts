// What a tenant database backend (backend.ts) is asked and answers, and so what the server and a query
// runner (query-runner.mjs) say to each other over IPC. Every value is plain JSON: row ids and integers
// beyond 2^53 travel as decimal strings.
import type { CellValue } from "./cell-values";

type Param = string | number | null;

/**
 * One call on one of a tenant's databases, wherever that database lives (backend.ts). `quotaBytes` is the
 * size a change may grow the database to.
 */
export type TenantDbRequest =
  /** One read-only statement that returns rows, on a read-only connection. */
  | { op: "read"; sql: string; params: Param[]; limit: number; maxBytes: number }
  /** One data change within the quota. */
  | { op: "write"; sql: string; params: Param[]; limit: number; maxBytes: number; quotaBytes: number }
  /** Tables and views, leaving out names that start with one of `reservedPrefixes`. */
  | { op: "schema"; reservedPrefixes: string[] }
  /** A page of `table` after row id `after` (decimal), or from the start. */
  | { op: "browse"; table: string; after: string | null; limit: number; maxBytes: number }
  /** One migration in one transaction, recorded in the ledger. */
  | {
      op: "migrate";
      quotaBytes: number;
      name: string;
      checksum: string;
      appliedAt: string;
      statements: { sql: string; drops?: { table: string; column?: string } }[];
      confirmDestructive: boolean;
    }
  /** One row of `table` inserted, or updated or deleted by its whole primary key (`key`), within the quota. */
  | {
      op: "row";
      quotaBytes: number;
      table: string;
      action: "insert" | "update" | "delete";
      key: [string, Param][];
      values: [string, Param][];
    };

/** The same call for a query runner, on the SQLite file at `file`; or an online copy of that file at `target`. */
export type RunnerRequest = (TenantDbRequest & { file: string }) | { op: "backup"; file: string; target: string };

/**
 * Why a call failed: SQLite's error, a refusal, the deadline, the runner dying under it, or the disk
 * under the database ("disk": `fault` says how, `message` is the errno).
 */
export type RunnerFailure = {
  ok: false;
  kind: "sqlite" | "not_reader" | "too_large" | "full" | "internal" | "timeout" | "stopped" | "disk";
  message: string;
  fault?: "full" | "read_only" | "denied";
};

/** What a call answered; `T` is the operation's result (see RunnerResults). */
export type RunnerReply<T = unknown> = { ok: true; result: T } | RunnerFailure;

/** Rows of a read or write. */
export type StatementResult = {
  columns: string[];
  rows: CellValue[][];
  truncated: boolean;
  durationMs: number;
  changes?: number;
  lastInsertRowid?: CellValue;
};

/** One table as the runner reads it, before get-schema.ts shapes it. */
export type RawTable = {
  name: string;
  wr: number;
  columns: { name: string; type: string; notnull: number; dflt_value: string | null; pk: number }[];
  foreignKeys: { id: number; table: string; from: string; to: string | null; on_delete: string }[];
  indexes: { name: string; unique: number; columns: (string | null)[] }[];
  rowCount: number;
};

export type SchemaResult = { tables: RawTable[]; views: string[] };

export type BrowseResult =
  | { found: "none" | "rowid_hidden" }
  | { found: "without_rowid"; name: string }
  | { found: "table"; columns: string[]; rows: CellValue[][]; rowids: string[]; hasMore: boolean };

export type MigrateResult =
  | { outcome: "applied" | "skipped" }
  | { outcome: "data_loss"; table: string; column?: string; rows: number }
  | { outcome: "failed"; index: number; code: string; message: string };

/** What a row change found: the row as it is now (as it was, for a delete), or why nothing changed. */
export type ChangeRowResult =
  | { outcome: "no_table" | "no_primary_key" | "no_row" }
  | { outcome: "no_column"; field: "values"; column: string }
  | { outcome: "key_mismatch"; primaryKey: string[] }
  | { outcome: "done"; columns: string[]; primaryKey: string[]; row: CellValue[] };
