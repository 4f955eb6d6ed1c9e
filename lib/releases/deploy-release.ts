import { crashPoint } from "@/lib/config";
import { z } from "zod";
import type { ProjectScope } from "@/lib/auth";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Logger } from "@/lib/log";
import { DEPLOY_ENVS, DeployEnv } from "@/lib/sdui";
import { applyTenantMigrations, listAppliedMigrations, snapshotTenantDb } from "@/lib/tenant-db";
import { withProjectLock } from "@/lib/workspace";
import { assertCanDeploy } from "./deploy-access";
import { environmentOf, failDeployment, goLive, migrationsOf } from "./deployment-steps";
import { DEPLOYMENT_SELECT, toDeploymentView, type DeploymentView } from "./deployment-view";
import { getRelease } from "./read-releases";

/** A deploy: which release goes to which environment (promotion is deploying staging's release to prod). */
export const DeployInput = z.strictObject({
  releaseId: z.uuid(),
  env: DeployEnv,
  /** Lets the release's migrations drop tables or columns that hold data. */
  confirmDataLoss: z.boolean().optional(),
});
export type DeployInput = z.infer<typeof DeployInput>;

/** Deploys of one environment take turns, across everything that moves its pointer. */
export const deployLockKey = (projectId: string, env: DeployEnv) => `${projectId}:deploy:${env}`;

/** Resolves once no deploy or rollback of the project is running (project deletion waits for them). */
export async function settleDeploys(projectId: string): Promise<void> {
  await Promise.all(DEPLOY_ENVS.map((env) => withProjectLock(deployLockKey(projectId, env), async () => undefined)));
}

/**
 * Deploys a release to staging or prod. A pending deployment is recorded first (what start-up finishes
 * or undoes after a crash), the environment's database is snapshotted, the release's pending migrations
 * applied (forward only), then the deployment goes live and the pointer moves in one transaction with
 * its audit event. A failed migration leaves the old release serving on its old database.
 */
export async function deployRelease(scope: ProjectScope, input: DeployInput, log: Logger): Promise<DeploymentView> {
  await assertCanDeploy(scope);
  const release = await getRelease(scope, input.releaseId);
  return withProjectLock(deployLockKey(scope.projectId, input.env), async () => {
    const environment = await environmentOf(scope.projectId, input.env);
    const previous = environment.currentDeployment;
    if (previous?.release.id === release.id) throw new AppError("conflict", `${input.env} already runs ${release.version}.`, "releaseId");
    const db = await getDb();
    const pending = await db.deployment.create({
      data: { projectId: scope.projectId, environmentId: environment.id, releaseId: release.id, actorId: scope.userId, previousId: previous?.id ?? null },
    });
    crashPoint("deploy.pending");
    const before = (await listAppliedMigrations(scope, input.env)).length;
    let applied: string[];
    try {
      await snapshotTenantDb(scope, input.env, pending.id);
      crashPoint("deploy.snapshot");
      const migrations = await migrationsOf(input.releaseId);
      applied = await applyTenantMigrations(scope, input.env, migrations, { confirmDestructive: input.confirmDataLoss === true });
      crashPoint("deploy.migrated");
      const move = { env: input.env, from: previous ? { deploymentId: previous.id, version: previous.release.version } : null, to: { deploymentId: pending.id, version: release.version } };
      await goLive(scope.projectId, scope.userId, pending.id, applied, { action: "release.deployed", move, extra: { migrationsApplied: applied } });
    } catch (err) {
      // Each migration is its own transaction, so a failure can leave earlier ones applied: then the
      // database goes back to the snapshot, to match the release the environment still serves.
      const changed = (await listAppliedMigrations(scope, input.env)).length > before;
      await failDeployment(scope, input.env, pending.id, err, changed, log);
      throw err;
    }
    crashPoint("deploy.live");
    log.info("release.deployed", { projectId: scope.projectId, env: input.env, releaseId: release.id, version: release.version, migrations: applied.length });
    return toDeploymentView(await db.deployment.findUniqueOrThrow({ where: { id: pending.id }, select: DEPLOYMENT_SELECT }));
  });
}
