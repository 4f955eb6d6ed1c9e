import type { Prisma } from "@/lib/db";
import type { DeployEnv } from "@/lib/sdui";

/** A deployment as the API shows it: which release went where, by whom, and how it ended. */
export type DeploymentView = {
  id: string;
  env: DeployEnv;
  release: { id: string; version: string };
  status: "pending" | "live" | "failed";
  actor: { id: string; name: string } | null;
  createdAt: Date;
  finishedAt: Date | null;
  /** Set on a rollback: the earlier deployment it went back to. */
  rollbackOf: { id: string; version: string } | null;
  restoredData: boolean;
  migrationsApplied: string[];
  error: string | null;
};

export const DEPLOYMENT_SELECT = {
  id: true,
  status: true,
  createdAt: true,
  finishedAt: true,
  restoredData: true,
  migrationsApplied: true,
  error: true,
  environment: { select: { name: true } },
  release: { select: { id: true, version: true } },
  actor: { select: { id: true, name: true } },
  rollbackOf: { select: { id: true, release: { select: { version: true } } } },
} satisfies Prisma.DeploymentSelect;

type DeploymentRow = Prisma.DeploymentGetPayload<{ select: typeof DEPLOYMENT_SELECT }>;

export function toDeploymentView(row: DeploymentRow): DeploymentView {
  return {
    id: row.id,
    env: row.environment.name as DeployEnv,
    release: row.release,
    status: row.status,
    actor: row.actor,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
    rollbackOf: row.rollbackOf ? { id: row.rollbackOf.id, version: row.rollbackOf.release.version } : null,
    restoredData: row.restoredData,
    migrationsApplied: row.migrationsApplied,
    error: row.error,
  };
}
