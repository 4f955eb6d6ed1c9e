import { authorizeApp } from "@/lib/auth";
import { getDb } from "@/lib/db";
import type { Logger } from "@/lib/log";
import type { DeployEnv } from "@/lib/sdui";
import { applyTenantMigrations, hasSnapshot, listAppliedMigrations, restoreTenantSnapshot, snapshotTenantDb } from "@/lib/tenant-db";
import { withProjectLock } from "@/lib/workspace";
import { goLive, markFailed, migrationsOf, publicReason } from "./deployment-steps";
import { deployLockKey } from "./deploy-release";

type Pending = NonNullable<Awaited<ReturnType<typeof pendingDeployments>>>[number];

function pendingDeployments() {
  return getDb().then((db) => db.deployment.findMany({
    where: { status: "pending" },
    include: {
      environment: { select: { name: true, currentDeployment: { select: { createdAt: true } } } },
      project: { select: { slug: true } },
      release: { select: { version: true } },
    },
    orderBy: { createdAt: "asc" },
  }));
}

/**
 * Finishes one deployment a crash cut short, forward when it can: its release's migrations applied (the
 * ledger makes that idempotent) and the pointer moved. A rollback that was to restore the database goes
 * live only if the restore happened (the ledger then matches its release). Anything else puts the
 * database back to the deployment's snapshot and marks it failed: the old release keeps serving.
 */
async function recover(p: Pending, log: Logger): Promise<void> {
  const env = p.environment.name as DeployEnv;
  const scope = await authorizeApp(p.project.slug, env);
  const migrations = await migrationsOf(p.releaseId);
  const move = { env, from: null, to: { deploymentId: p.id, version: p.release.version } };
  // A later deployment went live since (this one failed without being marked): moving the pointer back
  // to it now would undo that one.
  const current = p.environment.currentDeployment;
  if (current && current.createdAt > p.createdAt) return await markFailed(p.id, "superseded by a later deployment before it finished");
  try {
    if (p.restoredData) {
      const applied = new Set((await listAppliedMigrations(scope, env)).map((m) => m.name));
      const restored = applied.size === migrations.length && migrations.every((m) => applied.has(m.name));
      if (!restored) return await markFailed(p.id, "interrupted before its database was restored");
    }
    // Cut before its snapshot: the database is untouched yet, so the snapshot a later rollback needs is taken now.
    if (!p.restoredData && !(await hasSnapshot(scope, env, p.id))) await snapshotTenantDb(scope, env, p.id);
    const applied = await applyTenantMigrations(scope, env, migrations);
    await goLive(p.projectId, p.actorId, p.id, applied, { action: "release.recovered", move, extra: { rollbackOf: p.rollbackOfId } });
    log.info("release.recovered", { projectId: p.projectId, env, deploymentId: p.id, version: p.release.version });
  } catch (err) {
    await restoreTenantSnapshot(scope, env, p.id, log).catch(() => false);
    await markFailed(p.id, `interrupted, then could not finish: ${publicReason(err)}`);
    log.warn("release.recovery_failed", { projectId: p.projectId, env, deploymentId: p.id, err: err instanceof Error ? err.message : String(err) });
  }
}

/**
 * Start-up: every deployment a crash left pending is finished or undone (see recover), one at a time.
 * Each holding its environment's deploy lock, as a deploy does: one still going on another node is
 * waited for, and then found done.
 */
export async function recoverDeployments(log: Logger): Promise<number> {
  const db = await getDb();
  let recovered = 0;
  for (const p of await pendingDeployments()) {
    await withProjectLock(deployLockKey(p.projectId, p.environment.name as DeployEnv), async () => {
      const now = await db.deployment.findUnique({ where: { id: p.id }, select: { status: true } });
      if (now?.status !== "pending") return;
      await recover(p, log);
      recovered++;
    });
  }
  return recovered;
}
