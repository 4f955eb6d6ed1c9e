// What the server and a query runner (query-runner.mjs) say to each other over IPC. Every value is
// plain JSON: row ids and integers beyond 2^53 travel as decimal strings.
import type { CellValue } from "./cell-values";

type Param = string | number | null;

/** One call for a tenant's runner; `file` is a tenant database path made from a TenantScope. */
export type RunnerRequest =
  /** One read-only statement that returns rows, on a read-only connection. */
  | { op: "read"; file: string; sql: string; params: Param[]; limit: number; maxBytes: number }
  /** One data change within `maxPages` (the quota). */
  | { op: "write"; file: string; sql: string; params: Param[]; limit: number; maxBytes: number; maxPages: number }
  /** Tables and views, leaving out names that start with one of `reservedPrefixes`. */
  | { op: "schema"; file: string; reservedPrefixes: string[] }
  /** A page of `table` after row id `after` (decimal), or from the start. */
  | { op: "browse"; file: string; table: string; after: string | null; limit: number; maxBytes: number }
  /** One migration in one transaction, recorded in the ledger. */
  | {
      op: "migrate";
      file: string;
      maxPages: number;
      name: string;
      checksum: string;
      appliedAt: string;
      statements: { sql: string; drops?: { table: string; column?: string } }[];
      confirmDestructive: boolean;
    }
  /** An online copy of the database at `target`. */
  | { op: "backup"; file: string; target: string }
  /** One row of `table` inserted, or updated or deleted by its whole primary key (`key`), within `maxPages`. */
  | {
      op: "row";
      file: string;
      maxPages: number;
      table: string;
      action: "insert" | "update" | "delete";
      key: [string, Param][];
      values: [string, Param][];
    };

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
