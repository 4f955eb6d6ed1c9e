// One SQLite file per project and environment, opened once per process and cached by path.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import type { TenantScope } from "@/lib/auth";
import { isTenantEnv, type TenantEnv } from "./tenant-env";
import { diskErrorOf } from "./disk-error";

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
 * This process's connection to `env`'s database, created (with the ledger) on first use. It runs only
 * platform SQL: the ledger. Tenant statements, and so the quota, are the runners' (runner-statements.mjs).
 */
export function openTenantDb(scope: TenantScope, env: TenantEnv): Database.Database {
  const file = tenantDbPath(scope, env);
  let db = openConnections.get(file);
  if (!db) {
    db = connect(file);
    openConnections.set(file, db);
  }
  return db;
}
