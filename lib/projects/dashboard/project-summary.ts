import type { Identity } from "@/lib/auth";
import { getDb, type EnvName, type Role } from "@/lib/db";
import { tenantDbBytes } from "@/lib/tenant-db";
import { workspaceBytes } from "@/lib/workspace";
import { functionStats, type StatsPoint, type StatsRange } from "./function-stats";

/** Bytes a project keeps: its workspace (tree and history), its databases, and its build artifacts. */
export type StorageUse = { workspaceBytes: number; databaseBytes: number; artifactBytes: number };

/** One project as the dashboard lists it; `role` is null for a project the platform admin sees without being a member. */
export type ProjectSummary = {
  id: string;
  name: string;
  slug: string;
  role: Role | null;
  environments: { env: EnvName; version: string | null }[];
  components: number;
  functions: number;
  /** All functions' calls over the range, per bucket. */
  points: StatsPoint[];
  calls: number;
  errors: number;
  runs: { total: number; failed: number };
  storage: StorageUse;
};

const DEPLOY_ENVS: readonly EnvName[] = ["staging", "prod"];
const RUN_DAYS = 30;

/** Registry artifact bytes of a project: every distinct component and function build it keeps. */
async function artifactBytes(projectId: string): Promise<number> {
  const db = await getDb();
  const [mfes, fns] = await Promise.all([
    db.mfeVersion.aggregate({ where: { projectId }, _sum: { sizeBytes: true } }),
    db.functionVersion.aggregate({ where: { projectId }, _sum: { sizeBytes: true } }),
  ]);
  return (mfes._sum.sizeBytes ?? 0) + (fns._sum.sizeBytes ?? 0);
}

// Walking a workspace's git objects is the costly part of a dashboard: each project's figure is kept a minute.
const STORAGE_TTL_MS = 60_000;
const storageCache = new Map<string, { until: number; use: Promise<StorageUse> }>();

async function measureStorage(projectId: string): Promise<StorageUse> {
  const [workspace, databases, artifacts] = await Promise.all([workspaceBytes(projectId), tenantDbBytes(projectId), artifactBytes(projectId)]);
  return { workspaceBytes: workspace, databaseBytes: databases, artifactBytes: artifacts };
}

/** What the project's storage takes, store by store, as measured within the last minute. */
export function storageUse(projectId: string, now = Date.now()): Promise<StorageUse> {
  const cached = storageCache.get(projectId);
  if (cached && cached.until > now) return cached.use;
  for (const [id, entry] of storageCache) if (entry.until <= now) storageCache.delete(id);
  const use = measureStorage(projectId);
  storageCache.set(projectId, { until: now + STORAGE_TTL_MS, use });
  use.catch(() => storageCache.delete(projectId));
  return use;
}

/** `fn` over `items`, at most `limit` at a time, results in order. */
async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

/** Projects summarised at once: a platform's 200 must not open 200 × 9 queries and walks together. */
const SUMMARY_LANES = 4;

async function summarise(project: { id: string; name: string; slug: string }, role: Role | null, range: StatsRange): Promise<ProjectSummary> {
  const db = await getDb();
  const since = new Date(Date.now() - RUN_DAYS * 86_400_000);
  const [environments, components, functions, stats, runs, failed, storage] = await Promise.all([
    db.environment.findMany({ where: { projectId: project.id }, select: { name: true, currentDeployment: { select: { release: { select: { version: true } } } } } }),
    db.mfeVersion.findMany({ where: { projectId: project.id }, distinct: ["name"], select: { name: true } }),
    db.functionVersion.findMany({ where: { projectId: project.id }, distinct: ["name"], select: { name: true } }),
    functionStats(project.id, [], range),
    db.agentRun.count({ where: { projectId: project.id, startedAt: { gte: since } } }),
    db.agentRun.count({ where: { projectId: project.id, startedAt: { gte: since }, status: "failed" } }),
    storageUse(project.id),
  ]);
  const points = (stats[0]?.points ?? []).map((p, i) => ({
    at: p.at,
    calls: stats.reduce((n, s) => n + (s.points[i]?.calls ?? 0), 0),
    errors: stats.reduce((n, s) => n + (s.points[i]?.errors ?? 0), 0),
    p50: null,
    p99: null,
  }));
  return {
    ...project,
    role,
    environments: DEPLOY_ENVS.map((env) => ({ env, version: environments.find((e) => e.name === env)?.currentDeployment?.release.version ?? null })),
    components: components.length,
    functions: functions.length,
    points,
    calls: stats.reduce((n, s) => n + s.calls, 0),
    errors: stats.reduce((n, s) => n + s.errors, 0),
    runs: { total: runs, failed },
    storage,
  };
}

/**
 * The projects on someone's dashboard, most recently changed first: their own (a project token's one
 * project only), or, for the platform admin, every project on the platform.
 */
export async function listProjectSummaries(identity: Identity, range: StatsRange): Promise<ProjectSummary[]> {
  const db = await getDb();
  const only = identity.token?.projectId;
  const memberships = await db.membership.findMany({ where: { userId: identity.userId, ...(only && { projectId: only }) }, select: { projectId: true, role: true } });
  const roles = new Map(memberships.map((m) => [m.projectId, m.role]));
  const platformWide = identity.isAdmin && !only;
  const projects = await db.project.findMany({
    where: platformWide ? {} : { id: { in: [...roles.keys()] } },
    orderBy: { updatedAt: "desc" },
    select: { id: true, name: true, slug: true },
    take: 200,
  });
  return mapLimited(projects, SUMMARY_LANES, (p) => summarise(p, roles.get(p.id) ?? null, range));
}
