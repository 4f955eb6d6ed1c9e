import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { ProjectScope } from "@/lib/auth";
import { parseBlueprintText } from "@/lib/bundler";
import { getDb, type EnvName, type RunStatus } from "@/lib/db";
import { listFunctions } from "@/lib/functions";
import { resolveServedVersion } from "@/lib/releases";
import { appOrigin } from "@/lib/security";
import { readFile } from "@/lib/workspace";
import { functionStats, type FunctionStats, type StatsRange } from "./function-stats";
import { storageUse, type StorageUse } from "./project-summary";

/** Which environment runs which release of something. */
export type UsedBy = { env: EnvName; version: string };

/** A micro-frontend: its builds in the registry, the newest, and the environments whose release holds each. */
export type ComponentOverview = { name: string; versions: number; latest: { contentHash: string; sizeBytes: number; createdAt: string }; usedBy: UsedBy[] };
/** A function: its builds, the newest's size, where it is deployed, and its invocations over the range. */
export type FunctionOverview = { name: string; versions: number; latestSizeBytes: number | null; usedBy: UsedBy[]; stats: FunctionStats };
/** What one environment answers: its blueprint's pages and its function endpoints, with their URLs. */
export type EnvRoutes = { env: EnvName; origin: string; version: string | null; pages: { path: string; page: string; title: string; url: string }[]; functions: { name: string; url: string }[] };

export type ProjectOverview = {
  range: StatsRange;
  components: ComponentOverview[];
  functions: FunctionOverview[];
  routes: EnvRoutes[];
  releases: { id: string; version: string; commitSha: string; createdAt: string; environments: EnvName[] }[];
  runs: { id: string; prompt: string; status: RunStatus; startedAt: string; tokens: number }[];
  storage: StorageUse;
};

const RoutesOf = z.object({
  routes: z.array(z.object({ path: z.string(), page: z.string() })),
  pages: z.record(z.string(), z.object({ title: z.string() }).passthrough()),
}).passthrough();

function pagesOf(blueprint: unknown, origin: string): EnvRoutes["pages"] {
  const parsed = RoutesOf.safeParse(blueprint);
  if (!parsed.success) return [];
  // The blueprint is the tenant's: a path like "@evil.example/" must not turn a link into another site's.
  return parsed.data.routes.flatMap((r) => {
    const url = URL.canParse(r.path, origin) ? new URL(r.path, origin) : null;
    if (!r.path.startsWith("/") || !url || url.origin !== origin) return [];
    return [{ path: r.path, page: r.page, title: parsed.data.pages[r.page]?.title ?? r.page, url: url.href }];
  });
}

async function routesOf(scope: ProjectScope, slug: string, headFunctions: string[]): Promise<EnvRoutes[]> {
  const devOrigin = appOrigin(slug, "dev");
  const file = await readFile(scope, "app.json").catch(() => null);
  const dev: EnvRoutes = {
    env: "dev",
    origin: devOrigin,
    version: null,
    pages: file ? pagesOf(parseBlueprintText(file.content), devOrigin) : [],
    functions: headFunctions.map((name) => ({ name, url: `${devOrigin}/_fn/${name}` })),
  };
  const deployed = await Promise.all((["staging", "prod"] as const).map(async (env): Promise<EnvRoutes> => {
    const origin = appOrigin(slug, env);
    const served = await resolveServedVersion({ projectId: scope.projectId, env });
    if (served.kind !== "release") return { env, origin, version: null, pages: [], functions: [] };
    const names = [...served.release.functions.keys()].sort();
    return { env, origin, version: served.release.version, pages: pagesOf(served.release.blueprint, origin), functions: names.map((name) => ({ name, url: `${origin}/_fn/${name}` })) };
  }));
  return [dev, ...deployed];
}

/**
 * Everything the dashboard shows of one project: its micro-frontends and functions (builds, sizes,
 * which environment's release uses each, invocations per bucket with p50/p99 and errors), the routes
 * of each environment, releases and where each runs, recent agent runs, and storage.
 */
export async function getProjectOverview(scope: ProjectScope, range: StatsRange): Promise<ProjectOverview> {
  const db = await getDb();
  const projectId = scope.projectId;
  const project = await db.project.findUnique({ where: { id: projectId }, select: { slug: true } });
  if (!project) throw new AppError("not_found", "No such project.", "projectId");
  const [mfes, fns, releases, environments, runs, headFunctions, storage] = await Promise.all([
    db.mfeVersion.findMany({ where: { projectId }, orderBy: { createdAt: "desc" }, select: { id: true, name: true, contentHash: true, sizeBytes: true, createdAt: true } }),
    db.functionVersion.findMany({ where: { projectId }, orderBy: { createdAt: "desc" }, select: { id: true, name: true, sizeBytes: true } }),
    db.release.findMany({ where: { projectId }, orderBy: { createdAt: "desc" }, take: 20, select: { id: true, version: true, commitSha: true, createdAt: true } }),
    db.environment.findMany({
      where: { projectId, currentDeploymentId: { not: null } },
      select: { name: true, currentDeployment: { select: { release: { select: { id: true, version: true, artifacts: { select: { kind: true, name: true } } } } } } },
    }),
    db.agentRun.findMany({ where: { projectId }, orderBy: { startedAt: "desc" }, take: 10, select: { id: true, prompt: true, status: true, startedAt: true, usage: { select: { promptTokens: true, completionTokens: true } } } }),
    listFunctions(scope).then((list) => list.map((f) => f.name)),
    storageUse(projectId),
  ]);
  const live = environments.flatMap((e) => (e.currentDeployment ? [{ env: e.name, release: e.currentDeployment.release }] : []));
  const usedBy = (kind: "mfe" | "function", name: string): UsedBy[] =>
    live.filter((l) => l.release.artifacts.some((a) => a.kind === kind && a.name === name)).map((l) => ({ env: l.env, version: l.release.version }));
  const stats = await functionStats(projectId, [...new Set([...headFunctions, ...fns.map((f) => f.name)])], range);
  const componentNames = [...new Set(mfes.map((m) => m.name))].sort();
  return {
    range,
    components: componentNames.map((name) => {
      const builds = mfes.filter((m) => m.name === name);
      const latest = builds[0]!;
      return { name, versions: builds.length, latest: { contentHash: latest.contentHash, sizeBytes: latest.sizeBytes, createdAt: latest.createdAt.toISOString() }, usedBy: usedBy("mfe", name) };
    }),
    functions: stats.map((s) => {
      const builds = fns.filter((f) => f.name === s.name);
      return { name: s.name, versions: builds.length, latestSizeBytes: builds[0]?.sizeBytes ?? null, usedBy: usedBy("function", s.name), stats: s };
    }),
    routes: await routesOf(scope, project.slug, headFunctions),
    releases: releases.map((r) => ({
      id: r.id,
      version: r.version,
      commitSha: r.commitSha,
      createdAt: r.createdAt.toISOString(),
      environments: live.filter((l) => l.release.id === r.id).map((l) => l.env),
    })),
    runs: runs.map((r) => ({ id: r.id, prompt: r.prompt, status: r.status, startedAt: r.startedAt.toISOString(), tokens: r.usage.reduce((n, u) => n + u.promptTokens + u.completionTokens, 0) })),
    storage,
  };
}
