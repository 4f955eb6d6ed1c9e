import { crashPoint } from "@/lib/config";
import { z } from "zod";
import type { ProjectScope } from "@/lib/auth";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Logger } from "@/lib/log";
import type { DeployEnv } from "@/lib/sdui";
import { applyTenantMigrations, restoreTenantSnapshot, snapshotTenantDb } from "@/lib/tenant-db";
import { withProjectLock } from "@/lib/workspace";
import { assertCanDeploy } from "./deploy-access";
import { deployLockKey } from "./deploy-release";
import { failDeployment, goLive } from "./deployment-steps";
import { DEPLOYMENT_SELECT, toDeploymentView, type DeploymentView } from "./deployment-view";
import { planRollbackFor, type RollbackPlan } from "./plan-rollback";

/** A rollback: the earlier deployment to serve again, and whether its database may be restored. */
export const RollbackInput = z.strictObject({ deploymentId: z.uuid(), restoreData: z.boolean().optional() });
export type RollbackInput = z.infer<typeof RollbackInput>;

function rowsSince(plan: RollbackPlan): string {
  const changed = plan.tables.filter((t) => t.rowsNow !== t.rowsInSnapshot).map((t) => `${t.name}: ${t.rowsNow} rows now, ${t.rowsInSnapshot} in the snapshot`);
  return changed.length > 0 ? changed.join("; ") : "no table's row count differs";
}

/** Whether this rollback may go ahead, and whether it puts the database back. */
function decide(plan: RollbackPlan, input: RollbackInput): boolean {
  if (plan.compatible) return false;
  const breaking = plan.laterMigrations.filter((m) => m.effect === "breaking").map((m) => `${m.name} (${m.reason ?? "breaking"})`).join(", ");
  if (!plan.snapshot?.exists) {
    throw new AppError("conflict", `${plan.env} cannot go back to ${plan.to.version} safely: ${breaking} changed the schema and the snapshot from before is gone.`, "deploymentId");
  }
  if (input.restoreData !== true) {
    const message = `${plan.to.version}'s code does not run on ${plan.env}'s database as it is now (${breaking}). Restoring the snapshot taken at ${plan.snapshot.takenAt.toISOString()} loses what was written since (${rowsSince(plan)}): send restoreData: true to restore it, or cancel.`;
    throw new AppError("conflict", message, "restoreData");
  }
  return true;
}

/**
 * Points an environment back at an earlier deployment's release, with no rebuild. When the live schema
 * only added to that release's, its code runs on the database as it is; otherwise only with restoreData
 * (the snapshot from before the schema changed, named with its cost by planRollback) or not at all.
 * Recorded like a deploy: pending first, then live with the pointer moved and an audit event.
 */
export async function rollbackEnvironment(scope: ProjectScope, env: DeployEnv, input: RollbackInput, log: Logger): Promise<DeploymentView> {
  await assertCanDeploy(scope);
  return withProjectLock(deployLockKey(scope.projectId, env), async () => {
    const { plan, environmentId, migrations } = await planRollbackFor(scope, env, input.deploymentId);
    const restore = decide(plan, input);
    const db = await getDb();
    const pending = await db.deployment.create({
      data: { projectId: scope.projectId, environmentId, releaseId: plan.to.releaseId, actorId: scope.userId, previousId: plan.from?.deploymentId ?? null, rollbackOfId: plan.to.deploymentId, restoredData: restore },
    });
    crashPoint("rollback.pending");
    let restored = false;
    try {
      if (restore && plan.snapshot) {
        // The database as it is now, keyed by this rollback: what a failure from here on puts back.
        await snapshotTenantDb(scope, env, pending.id);
        restored = await restoreTenantSnapshot(scope, env, plan.snapshot.deploymentId, log);
      }
      crashPoint("rollback.restored");
      // After a restore the database may lack migrations the release has (additive ones since): applied forward.
      const applied = await applyTenantMigrations(scope, env, migrations);
      const move = { env, from: plan.from, to: { deploymentId: pending.id, version: plan.to.version } };
      await goLive(scope.projectId, scope.userId, pending.id, applied, { action: "release.rolled_back", move, extra: { rollbackOf: plan.to.deploymentId, restoredData: restore } });
    } catch (err) {
      await failDeployment(scope, env, pending.id, err, restored, log);
      throw err;
    }
    crashPoint("rollback.live");
    log.info("release.rolled_back", { projectId: scope.projectId, env, to: plan.to.version, restoredData: restore });
    return toDeploymentView(await db.deployment.findUniqueOrThrow({ where: { id: pending.id }, select: DEPLOYMENT_SELECT }));
  });
}
