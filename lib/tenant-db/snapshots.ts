// Copies of a database taken before a change (an agent run, a deploy), put back when that change is undone.
import type { TenantScope } from "@/lib/auth";
import type { Logger } from "@/lib/log";
import { tenantDbBackend } from "./current-backend";
import { replyError } from "./reply-error";
import type { TenantEnv } from "./tenant-env";

// A 100 MiB database copies in about a second; a much slower copy is the disk's or a huge file's fault.
const SNAPSHOT_TIMEOUT_MS = 60_000;

/** Whether snapshot `key` of `env` is still kept. */
export function hasSnapshot(scope: TenantScope, env: TenantEnv, key: string): Promise<boolean> {
  return tenantDbBackend().exists(scope, { env, snapshot: key });
}

/**
 * Copies `env`'s database (a consistent online copy) as snapshot `key`, in the tenant's lane, with a
 * deadline; the oldest snapshots of `env` beyond the kept number go.
 */
export async function snapshotTenantDb(scope: TenantScope, env: TenantEnv, key: string): Promise<void> {
  const reply = await tenantDbBackend().copy(scope, { env, snapshot: key }, SNAPSHOT_TIMEOUT_MS);
  if (!reply.ok) throw replyError(reply, "The snapshot", "env");
}

/**
 * Puts snapshot `key` back as `env`'s database, whole: a call sees the old database or the new one.
 * False when there is no such snapshot (pruned, or never taken).
 */
export async function restoreTenantSnapshot(scope: TenantScope, env: TenantEnv, key: string, log: Logger): Promise<boolean> {
  if (!(await tenantDbBackend().restore(scope, env, key))) return false;
  log.info("tenant_db.restored", { projectId: scope.projectId, env, snapshot: key });
  return true;
}
