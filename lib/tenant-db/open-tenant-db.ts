// One SQLite file per project and environment, opened once per process and cached by path.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import type { TenantScope } from "@/lib/auth";
import { isTenantEnv, type TenantEnv } from "./tenant-env";
import { diskErrorOf } from "./disk-error";

/** The default per-database disk quota: 100 MiB. */
export const DEFAULT_TENANT_QUOTA_BYTES = 100 * 1024 * 1024;
const MIN_QUOTA_BYTES = 64 * 1024;
const MAX_QUOTA_BYTES = 64 * 1024 * 1024 * 1024;
const BUSY_TIMEOUT_MS = 5_000;
// Keeps the -wal file from outgrowing the quota after a large transaction has been checkpointed.
const WAL_SIZE_LIMIT_BYTES = 16 * 1024 * 1024;
// The id becomes a directory name: ids are UUIDs, and anything else here is a bug, not input.
const PROJECT_ID_PATTERN = /^[A-Za-z0-9-]{1,64}$/;

// On globalThis so that Next's dev HMR, which re-evaluates this module, reuses the open connections
// instead of leaking a second set of file handles.
const store = globalThis as typeof globalThis & { __mycoTenantDbs?: Map<string, Database.Database> };

/** Open connections by file path. */
export const openConnections = (store.__mycoTenantDbs ??= new Map<string, Database.Database>());

/** The directory holding a project's databases. */
export function tenantDir(scope: Pick<TenantScope, "projectId">): string {
  if (!PROJECT_ID_PATTERN.test(scope.projectId)) throw new Error("TenantScope.projectId is not an id");
  return path.join(getConfig().dataDir, "tenants", scope.projectId);
}

/** The file of one environment's database; both parts come from the scope and the env enum. */
export function tenantDbPath(scope: TenantScope, env: TenantEnv): string {
  if (!isTenantEnv(env)) throw new AppError("bad_request", "env must be dev, staging or prod.", "env");
  return path.join(tenantDir(scope), `${env}.sqlite`);
}

function connect(file: string): Database.Database {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  let db: Database.Database | undefined;
  try {
    db = new Database(file);
    return setUp(db);
  } catch (err) {
    db?.close();
    throw diskErrorOf(err, path.dirname(file));
  }
}

function setUp(db: Database.Database): Database.Database {
  db.pragma("journal_mode = WAL");
  db.pragma("foreign_keys = ON");
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
  // Functions that are not marked innocuous (load_extension among them) may not run from a view,
  // trigger, default or CHECK the tenant wrote.
  db.pragma("trusted_schema = OFF");
  db.prepare(
    "CREATE TABLE IF NOT EXISTS _myco_migrations (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)",
  ).run();
  return db;
}

/**
 * The connection to `env`'s database, created on first use. `max_page_count` is set from the quota on
 * every call (it is per connection, and the caller's plan decides it); SQLite then fails a write
 * that would grow the file past it with SQLITE_FULL.
 */
export function openTenantDb(scope: TenantScope, env: TenantEnv, quotaBytes = DEFAULT_TENANT_QUOTA_BYTES): Database.Database {
  if (!Number.isInteger(quotaBytes) || quotaBytes < MIN_QUOTA_BYTES || quotaBytes > MAX_QUOTA_BYTES) {
    throw new Error(`quotaBytes must be an integer between ${MIN_QUOTA_BYTES} and ${MAX_QUOTA_BYTES}`);
  }
  const file = tenantDbPath(scope, env);
  let db = openConnections.get(file);
  if (!db) {
    db = connect(file);
    openConnections.set(file, db);
  }
  const pageSize = Number(db.pragma("page_size", { simple: true }));
  db.pragma(`max_page_count = ${Math.floor(quotaBytes / pageSize)}`);
  return db;
}

function formatBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return mib >= 1 ? `${Number(mib.toFixed(1))} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

/** The payload_too_large error for a write that would have grown the database past its quota. */
export function quotaError(env: TenantEnv, quotaBytes: number): AppError {
  return new AppError(
    "payload_too_large",
    `The ${env} database is full: it may use at most ${formatBytes(quotaBytes)} (${quotaBytes} bytes).`,
  );
}
