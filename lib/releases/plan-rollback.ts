import type { ProjectScope } from "@/lib/auth";
import { readArtifact } from "@/lib/bundler";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { DeployEnv } from "@/lib/sdui";
import { classifyMigration, compareSnapshot, hasSnapshot, listAppliedMigrations, type SnapshotComparison, type TenantMigration } from "@/lib/tenant-db";
import { environmentOf, migrationsOf } from "./deployment-steps";

/**
 * What rolling an environment back to an earlier deployment means, before anything happens. `compatible`:
 * the live schema only added to the one that release was built for, so its code runs on the database
 * as it is. Otherwise the database has to go back to `snapshot` (taken when the first schema change
 * after that deployment was applied), which loses what `tables` shows was written since; or cancel.
 * `tables` is counted only then (empty for a compatible rollback).
 */
export type RollbackPlan = {
  env: DeployEnv;
  from: { deploymentId: string; version: string } | null;
  to: { deploymentId: string; releaseId: string; version: string };
  compatible: boolean;
  /** Migrations applied since that release, and why each keeps (or breaks) its code. */
  laterMigrations: { name: string; effect: "additive" | "breaking"; reason: string | null }[];
  snapshot: { deploymentId: string; takenAt: Date; exists: boolean } | null;
  tables: SnapshotComparison["tables"];
};

async function targetOf(scope: ProjectScope, env: DeployEnv, deploymentId: string) {
  const db = await getDb();
  const target = await db.deployment.findFirst({
    where: { id: deploymentId, projectId: scope.projectId, environment: { name: env }, status: "live" },
    include: { release: { select: { id: true, version: true } } },
  });
  if (!target) throw new AppError("not_found", `No earlier deployment ${deploymentId} of ${env}.`, "deploymentId");
  return target;
}

async function laterMigrationsOf(scope: ProjectScope, env: DeployEnv, known: Set<string>): Promise<RollbackPlan["laterMigrations"]> {
  const applied = (await listAppliedMigrations(scope, env)).filter((m) => !known.has(m.name));
  return Promise.all(applied.map(async (m) => {
    // A migration's checksum is the sha256 of its text, which is also its artifact's address.
    const sql = (await readArtifact(`migrations/${m.checksum}.sql`))?.toString("utf8");
    const effect = sql === undefined ? { effect: "breaking" as const, reason: "its text is not in any release" } : classifyMigration(sql);
    return { name: m.name, effect: effect.effect, reason: effect.effect === "breaking" ? effect.reason : null };
  }));
}

/** The plan, with what carrying it out needs and the plan already read: the environment and the target release's migrations. */
export type PlannedRollback = { plan: RollbackPlan; environmentId: string; migrations: TenantMigration[] };

/** planRollback, keeping what it read for rollbackEnvironment (a rollback is on the clock). */
export async function planRollbackFor(scope: ProjectScope, env: DeployEnv, deploymentId: string): Promise<PlannedRollback> {
  const target = await targetOf(scope, env, deploymentId);
  const current = (await environmentOf(scope.projectId, env)).currentDeployment;
  if (current?.releaseId === target.releaseId) throw new AppError("conflict", `${env} already runs ${target.release.version}.`, "deploymentId");
  const migrations = await migrationsOf(target.releaseId);
  const laterMigrations = await laterMigrationsOf(scope, env, new Set(migrations.map((m) => m.name)));
  const db = await getDb();
  const schemaChange = await db.deployment.findFirst({
    where: { environmentId: target.environmentId, createdAt: { gt: target.createdAt }, NOT: { migrationsApplied: { isEmpty: true } } },
    orderBy: { createdAt: "asc" },
  });
  const compatible = laterMigrations.every((m) => m.effect === "additive");
  // Rows are counted only when restoring the snapshot is a choice the person has to weigh.
  const comparison = schemaChange && !compatible ? await compareSnapshot(scope, env, schemaChange.id) : null;
  const exists = comparison !== null || (schemaChange !== null && (await hasSnapshot(scope, env, schemaChange.id)));
  const plan: RollbackPlan = {
    env,
    from: current ? { deploymentId: current.id, version: current.release.version } : null,
    to: { deploymentId: target.id, releaseId: target.releaseId, version: target.release.version },
    compatible,
    laterMigrations,
    snapshot: schemaChange ? { deploymentId: schemaChange.id, takenAt: schemaChange.createdAt, exists } : null,
    tables: comparison?.tables ?? [],
  };
  return { plan, environmentId: target.environmentId, migrations };
}

/** The plan for rolling `env` back to deployment `deploymentId` (see RollbackPlan); changes nothing. */
export async function planRollback(scope: ProjectScope, env: DeployEnv, deploymentId: string): Promise<RollbackPlan> {
  return (await planRollbackFor(scope, env, deploymentId)).plan;
}
