import type { ProjectScope } from "@/lib/auth";
import { getDb, recordAudit, type Prisma } from "@/lib/db";
import { readArtifact } from "@/lib/bundler";
import { AppError } from "@/lib/errors";
import type { Logger } from "@/lib/log";
import type { DeployEnv } from "@/lib/sdui";
import { describeFault, storageFaultOf } from "@/lib/storage";
import { restoreTenantSnapshot, type TenantMigration } from "@/lib/tenant-db";
import { forgetServedVersion } from "./served-version";

/** A release's migrations, read back from the artifact store in name order. */
export async function migrationsOf(releaseId: string): Promise<TenantMigration[]> {
  const db = await getDb();
  const artifacts = await db.releaseArtifact.findMany({ where: { releaseId, kind: "migration" }, orderBy: { name: "asc" } });
  return Promise.all(artifacts.map(async (a) => {
    const bytes = await readArtifact(a.artifactKey);
    if (!bytes) throw new Error(`release artifact ${a.artifactKey} is missing from the store`);
    return { name: a.name, sql: bytes.toString("utf8") };
  }));
}

const WITH_CURRENT = { currentDeployment: { include: { release: { select: { id: true, version: true } } } } } as const;

/** The environment row of a deployable environment, made on first use (read first: a rollback is on the clock). */
export async function environmentOf(projectId: string, env: DeployEnv) {
  const db = await getDb();
  const where = { projectId_name: { projectId, name: env } };
  return (await db.environment.findUnique({ where, include: WITH_CURRENT })) ??
    db.environment.upsert({ where, create: { projectId, name: env }, update: {}, include: WITH_CURRENT });
}

/** What an audit event says moved: the release an environment served before, and the one it serves now. */
export type Move = { env: DeployEnv; from: { deploymentId: string; version: string } | null; to: { deploymentId: string; version: string } };

/**
 * Points the environment at a pending deployment in one transaction (the deployment goes live, the
 * pointer moves, the audit event is written), then forgets the cached served version.
 */
export async function goLive(projectId: string, actorId: string | null, deploymentId: string, applied: string[], audit: { action: string; move: Move; extra?: Prisma.InputJsonObject }): Promise<void> {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    await tx.deployment.update({ where: { id: deploymentId }, data: { status: "live", migrationsApplied: applied, finishedAt: new Date() } });
    await tx.environment.update({ where: { projectId_name: { projectId, name: audit.move.env } }, data: { currentDeploymentId: deploymentId } });
    await recordAudit(tx, { projectId, actorId }, audit.action, { env: audit.move.env, from: audit.move.from, to: audit.move.to, ...audit.extra });
  });
  forgetServedVersion(projectId, audit.move.env);
}

/** Marks a deployment failed with why; the environment keeps serving what it served. */
export async function markFailed(deploymentId: string, error: string): Promise<void> {
  const db = await getDb();
  await db.deployment.update({ where: { id: deploymentId }, data: { status: "failed", error: error.slice(0, 2_000), finishedAt: new Date() } });
}

/**
 * What a failed deployment tells every member who can read it: an AppError's own message, the store
 * behind a full or read-only disk, else that it was logged (a raw error can carry the server's paths).
 */
export function publicReason(err: unknown): string {
  if (err instanceof AppError) return err.message;
  const fault = storageFaultOf(err);
  return fault ? describeFault(fault) : "An internal error stopped it; it has been logged.";
}

/**
 * A deploy or rollback that failed after its pending row was written: the database goes back to the
 * snapshot keyed by the deployment when `restore` says the step changed it (so it matches the release
 * the environment still serves), then the deployment is marked failed with a reason fit to show.
 */
export async function failDeployment(scope: ProjectScope, env: DeployEnv, deploymentId: string, err: unknown, restore: boolean, log: Logger): Promise<void> {
  log.error("release.deployment_failed", { projectId: scope.projectId, env, deploymentId, restored: restore }, err);
  if (restore) await restoreTenantSnapshot(scope, env, deploymentId, log);
  await markFailed(deploymentId, publicReason(err));
}
