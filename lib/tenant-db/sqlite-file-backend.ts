// Tenant databases as SQLite files: `<dataDir>/tenants/<projectId>/<env>.sqlite`, snapshots beside them
// in snapshots/, scratch copies in checks/. Tenant SQL runs in the project's lane (a runner process per
// active project, query-lanes.ts); this process's own connection (open-tenant-db.ts) only creates a file
// with its ledger and reads that ledger.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { TenantScope } from "@/lib/auth";
import { getConfig } from "@/lib/config";
import { log, type LogFields } from "@/lib/log";
import { folderBytes, listDir, removeStale } from "@/lib/storage";
import type { AppliedMigration, TenantDbBackend, TenantDbCopy, TenantDbRef } from "./backend";
import { openConnections, openTenantDb, tenantDbPath, tenantDir } from "./open-tenant-db";
import { runInLane, stopLane, stopLanes } from "./query-lanes";
import { assertQuotaBytes } from "./quota";
import type { TenantDbRequest } from "./runner-protocol";
import { isTenantEnv, type TenantEnv } from "./tenant-env";

/** Snapshots kept per project and environment; older ones are removed as new ones are taken. */
const KEEP_SNAPSHOTS = 20;
// A copy's key becomes a file name: it is an id the platform made (a run id, a UUID), never request input.
const KEY_PATTERN = /^[A-Za-z0-9-]{1,64}$/;

function copyPath(scope: TenantScope, copy: TenantDbCopy): string {
  const [folder, key] = "snapshot" in copy ? ["snapshots", copy.snapshot] : ["checks", copy.scratch];
  if (typeof key !== "string" || !KEY_PATTERN.test(key)) throw new Error("a database copy's key is not an id");
  if (!isTenantEnv(copy.env)) throw new Error("a database copy's env is not an environment");
  return path.join(tenantDir(scope), folder, `${copy.env}-${key}.sqlite`);
}

const isCopy = (db: TenantDbRef): db is TenantDbCopy => "snapshot" in db || "scratch" in db;

function fileOf(scope: TenantScope, db: TenantDbRef): string {
  return isCopy(db) ? copyPath(scope, db) : tenantDbPath(scope, db.env);
}

function readLedger(db: Database.Database): AppliedMigration[] {
  return db.prepare("SELECT name, checksum, applied_at AS appliedAt FROM _myco_migrations ORDER BY name").all() as AppliedMigration[];
}

// Per environment: a burst of agent runs on dev must never push out the prod snapshot a rollback needs.
async function pruneSnapshots(dir: string, env: TenantEnv): Promise<void> {
  const entries = (await fs.promises.readdir(dir)).filter((name) => name.startsWith(`${env}-`));
  const dated = await Promise.all(entries.map(async (name) => ({ name, mtimeMs: (await fs.promises.stat(path.join(dir, name))).mtimeMs })));
  const old = dated.sort((a, b) => b.mtimeMs - a.mtimeMs).slice(KEEP_SNAPSHOTS);
  await Promise.all(old.map((e) => fs.promises.rm(path.join(dir, e.name), { force: true })));
}

const isStagedRestore = (name: string) => name.endsWith(".sqlite.restore");
const isTemp = (name: string) => name.endsWith(".tmp");
const any = () => true;

export class SqliteFileBackend implements TenantDbBackend {
  async call(scope: TenantScope, db: TenantDbRef, request: TenantDbRequest, timeoutMs: number, fields: LogFields, signal?: AbortSignal) {
    // A change carries its quota; a snapshot is only ever read (it is what an undo puts back whole).
    if (request.op === "write" || request.op === "migrate" || request.op === "row") {
      if ("snapshot" in db) throw new Error("a snapshot is read-only");
      assertQuotaBytes(request.quotaBytes);
    }
    // The runner opens files that exist and never creates one: an environment's is made here, once.
    if (!isCopy(db)) openTenantDb(scope, db.env);
    return runInLane(scope.projectId, { ...request, file: fileOf(scope, db) }, timeoutMs, fields, signal);
  }

  async appliedMigrations(scope: TenantScope, db: TenantDbRef): Promise<AppliedMigration[]> {
    if (!isCopy(db)) return readLedger(openTenantDb(scope, db.env));
    const copy = new Database(copyPath(scope, db), { fileMustExist: true });
    try {
      copy.pragma("trusted_schema = OFF");
      return readLedger(copy);
    } finally {
      copy.close();
    }
  }

  async exists(scope: TenantScope, db: TenantDbRef): Promise<boolean> {
    return fs.existsSync(fileOf(scope, db));
  }

  async copy(scope: TenantScope, to: TenantDbCopy, timeoutMs: number) {
    const target = copyPath(scope, to);
    await fs.promises.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    openTenantDb(scope, to.env); // an environment never used copies as an empty database
    // The copy's I/O runs in the lane, never on this process's thread.
    const reply = await runInLane(scope.projectId, { op: "backup", file: tenantDbPath(scope, to.env), target }, timeoutMs, { projectId: scope.projectId, env: to.env });
    if (reply.ok && "snapshot" in to) await pruneSnapshots(path.dirname(target), to.env);
    return reply;
  }

  async restore(scope: TenantScope, env: TenantEnv, key: string): Promise<boolean> {
    const source = copyPath(scope, { env, snapshot: key });
    if (!fs.existsSync(source)) return false;
    const file = tenantDbPath(scope, env);
    const staged = `${file}.restore`;
    await fs.promises.copyFile(source, staged);
    // No await from here to the rename: a request in between would reopen (and cache) the old file. A
    // runner opens the file per call, so it sees the old database or the new one, whole.
    openConnections.get(file)?.close();
    openConnections.delete(file);
    for (const suffix of ["-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
    fs.renameSync(staged, file);
    return true;
  }

  async discard(scope: TenantScope, copy: Extract<TenantDbCopy, { scratch: string }>): Promise<void> {
    const file = copyPath(scope, copy);
    // `.tmp`: a copy stopped at its deadline before it was renamed whole.
    await Promise.all(["", "-wal", "-shm", ".tmp"].map((suffix) => fs.promises.rm(`${file}${suffix}`, { force: true })));
  }

  bytes(projectId: string): Promise<number> {
    return folderBytes(tenantDir({ projectId }));
  }

  async drop(scope: TenantScope): Promise<void> {
    const dir = tenantDir(scope);
    stopLane(scope.projectId);
    for (const [file, db] of openConnections) {
      if (path.dirname(file) !== dir) continue;
      db.close();
      openConnections.delete(file);
    }
    await fs.promises.rm(dir, { recursive: true, force: true });
    log.info("tenant_db.deleted", { projectId: scope.projectId });
  }

  // A restore staged as `<env>.sqlite.restore` (renamed over the database when whole), a snapshot being
  // written (`.tmp`, renamed when the backup finished) and scratch copies, each older than this process.
  async removeLeftovers(): Promise<string[]> {
    const root = path.join(getConfig().dataDir, "tenants");
    const removed: string[] = [];
    for (const projectId of await listDir(root)) {
      const dir = path.join(root, projectId);
      removed.push(
        ...(await removeStale(dir, isStagedRestore)),
        ...(await removeStale(path.join(dir, "snapshots"), isTemp)),
        ...(await removeStale(path.join(dir, "checks"), any)),
      );
    }
    return removed;
  }

  close(): void {
    stopLanes();
    for (const db of openConnections.values()) db.close();
    openConnections.clear();
  }
}
