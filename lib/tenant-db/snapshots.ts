// Copies of a database taken before a change (an agent run), put back when that change is undone.
import fs from "node:fs";
import path from "node:path";
import type { TenantScope } from "@/lib/auth";
import type { Logger } from "@/lib/log";
import { openConnections, openTenantDb, tenantDbPath, tenantDir } from "./open-tenant-db";
import { runInLane } from "./query-lanes";
import { replyError } from "./reply-error";
import type { TenantEnv } from "./tenant-env";

/** Snapshots kept per project and environment; older ones are removed as new ones are taken. */
const KEEP_SNAPSHOTS = 20;
// A 100 MiB database copies in about a second; a much slower copy is the disk's or a huge file's fault.
const SNAPSHOT_TIMEOUT_MS = 60_000;
// The key becomes a file name: it is an id the platform made (a run id), never request input.
const KEY_PATTERN = /^[A-Za-z0-9-]{1,64}$/;

/** Where snapshot `key` of `env` is kept. */
export function snapshotPath(scope: TenantScope, env: TenantEnv, key: string): string {
  if (!KEY_PATTERN.test(key)) throw new Error("snapshot key is not an id");
  return path.join(tenantDir(scope), "snapshots", `${env}-${key}.sqlite`);
}

/** Whether snapshot `key` of `env` is still kept. */
export function hasSnapshot(scope: TenantScope, env: TenantEnv, key: string): boolean {
  return fs.existsSync(snapshotPath(scope, env, key));
}

// Per environment: a burst of agent runs on dev must never push out the prod snapshot a rollback needs.
async function prune(dir: string, env: TenantEnv): Promise<void> {
  const entries = (await fs.promises.readdir(dir)).filter((name) => name.startsWith(`${env}-`));
  const dated = await Promise.all(entries.map(async (name) => ({ name, mtimeMs: (await fs.promises.stat(path.join(dir, name))).mtimeMs })));
  const old = dated.sort((a, b) => b.mtimeMs - a.mtimeMs).slice(KEEP_SNAPSHOTS);
  await Promise.all(old.map((e) => fs.promises.rm(path.join(dir, e.name), { force: true })));
}

/**
 * Copies `env`'s database (a consistent online backup, WAL included) as snapshot `key`, in the
 * tenant's lane: the copy's I/O never runs on this process's thread, and it has a deadline.
 */
export async function snapshotTenantDb(scope: TenantScope, env: TenantEnv, key: string): Promise<void> {
  const target = snapshotPath(scope, env, key);
  await fs.promises.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
  openTenantDb(scope, env); // the runner opens the file read-only and never creates it
  const request = { op: "backup" as const, file: tenantDbPath(scope, env), target };
  const reply = await runInLane(scope.projectId, request, SNAPSHOT_TIMEOUT_MS, { projectId: scope.projectId, env });
  if (!reply.ok) throw replyError(reply, "The snapshot", "env");
  await prune(path.dirname(target), env);
}

/**
 * Puts snapshot `key` back as `env`'s database: the open connection is closed and the file replaced
 * in one rename (a query runner opens the file per call, so it sees the old or the new one, whole).
 * False when there is no such snapshot (pruned, or never taken).
 */
export async function restoreTenantSnapshot(scope: TenantScope, env: TenantEnv, key: string, log: Logger): Promise<boolean> {
  const source = snapshotPath(scope, env, key);
  if (!fs.existsSync(source)) return false;
  const file = tenantDbPath(scope, env);
  const staged = `${file}.restore`;
  await fs.promises.copyFile(source, staged);
  // No await from here to the rename: a request in between would reopen (and cache) the old file.
  openConnections.get(file)?.close();
  openConnections.delete(file);
  for (const suffix of ["-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
  fs.renameSync(staged, file);
  log.info("tenant_db.restored", { projectId: scope.projectId, env, snapshot: key });
  return true;
}
