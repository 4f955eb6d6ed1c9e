import { getDb, recordAudit, type Prisma } from "@/lib/db";
import { readArtifact } from "@/lib/bundler";
import type { DeployEnv } from "@/lib/sdui";
import type { TenantMigration } from "@/lib/tenant-db";
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
