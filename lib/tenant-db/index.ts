/**
 * Each project's own SQLite databases, one file per environment under
 * `<dataDir>/tenants/<projectId>/<env>.sqlite`, reached only through a TenantScope. Schema changes
 * are allowlisted DDL (or structured operations turned into it); queries are read-only. Every
 * tenant-written statement (queries, writes, migrations, row browsing, row counts, backups) runs in
 * the project's own lane: a supervised runner process per active project, killed at a deadline or
 * when the caller gives up. See docs/tenant-databases.md.
 */

/** The environment a database belongs to: "dev" (default), "staging" or "prod". */
export { TenantEnv } from "./tenant-env";

/** The default per-database disk quota (100 MiB); writes past a database's quota fail with payload_too_large. */
export { DEFAULT_TENANT_QUOTA_BYTES } from "./quota";

/** Applies pending migrations in name order, each in one transaction with a deadline; refuses data loss unless confirmed. */
export {
  MIGRATION_TIMEOUT_MS,
  applyTenantMigrations,
  TenantMigration,
  type ApplyMigrationsOptions,
} from "./apply-migrations";

/** Migrations tried on a throw-away copy of an environment's database: what would apply, or why not. */
export { checkMigrationsOnCopy } from "./check-migrations";
/** Whether code written for an older schema keeps working after a migration (additive), or why not. */
export { classifyMigration, type MigrationEffect } from "./classify-migration";

/** The migrations a database has recorded. */
export { listAppliedMigrations, type AppliedMigration } from "./list-applied-migrations";

/** Splits a migration script and checks it against the DDL allowlist (pure); throws unprocessable naming the statement. */
export { validateMigration, type MigrationStatement } from "./validate-migration";

/** Structured schema changes (what the model and the API send) and the allowlisted SQL they become. */
export { ColumnSpec, MigrationOperation, MigrationOperations, planOperations } from "./plan-operations";

/** Tables, columns, keys, indexes, row counts and views of a database. */
export {
  getTenantSchema,
  type TenantColumn,
  type TenantForeignKey,
  type TenantIndex,
  type TenantSchema,
  type TenantTable,
} from "./get-schema";

/** Read-only queries with row, time and size limits, run in the project's lane. */
export {
  QUERY_DEFAULT_ROWS,
  QUERY_DEFAULT_TIMEOUT_MS,
  QUERY_MAX_RESULT_BYTES,
  QUERY_MAX_ROWS,
  QUERY_MAX_TIMEOUT_MS,
  QueryInput,
  RunQueryInput,
  runTenantQuery,
  type QueryResult,
} from "./run-query";

/** Checks that SQL is exactly one read-only SELECT (pure); throws unprocessable saying why not. */
export { validateQuery } from "./validate-query";

/** A table's rows page by page, with an opaque cursor. */
export {
  BROWSE_DEFAULT_ROWS,
  BROWSE_MAX_ROWS,
  BrowseRowsInput,
  RowsQuery,
  browseTenantRows,
  type RowsPage,
} from "./browse-rows";

/** A value in a query result or a page of rows: blobs as `{ base64 }`, integers beyond 2^53 as strings. */
export type { CellValue } from "./cell-values";

/** Closes all connections and stops every query runner (shutdown, tests). */
export { closeTenantDbs } from "./current-backend";

/**
 * Per-project lanes: `CallOptions.signal` cancels a call (waiting: dropped; running: its runner is
 * killed); `queryLaneStats` reports runner processes, lanes, queues and priorities (operations, tests).
 */
export { type CallOptions } from "./backend";
export { queryLaneStats, type LaneStats } from "./lane-registry";

/** Removes a project's databases when the project is deleted. */
export { deleteTenantDbs } from "./current-backend";

/** The next numbered migration file from SQL or operations: applied to dev, then committed. */
export { CreateMigrationInput, createMigration, type CreatedMigration } from "./create-migration";

/** The workspace's db/migrations files applied to an environment. */
export { applyWorkspaceMigrations, readWorkspaceMigrations } from "./workspace-migrations";

/** One INSERT/UPDATE/DELETE/REPLACE from a function, in the project's lane, within the quota. */
export { ExecInput, execTenantStatement, type ExecOptions, type ExecResult } from "./exec-statement";

/** A database copied before a change and put back when the change is undone. */
export { hasSnapshot, restoreTenantSnapshot, snapshotTenantDb } from "./snapshots";
/** Rows per table now and in a snapshot: what putting it back would change. */
export { compareSnapshot, type SnapshotComparison } from "./compare-snapshot";

/** Start-up after a crash: half-made snapshots, staged restores and migration-check copies. */
export { removeTenantDbLeftovers } from "./current-backend";

/** The Database tab's row editor: one dev row added, changed or deleted by its primary key, in the lane, audited. */
export { deleteTenantRow, insertTenantRow, updateTenantRow, ROW_CHANGE_TIMEOUT_MS, type ChangedRow } from "./change-row";
export { DeleteRowInput, InsertRowInput, RowChangeQuery, RowKey, RowValues, UpdateRowInput } from "./row-input";
/** Disk use of a project's databases, for the dashboard. */
export { tenantDbBytes } from "./current-backend";
