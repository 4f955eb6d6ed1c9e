import type { AppScope } from "@/lib/auth";
import { forgetEverywhere } from "@/lib/coordination";
import { readArtifact, parseBlueprintText } from "@/lib/bundler";
import { getDb } from "@/lib/db";
import type { DeployEnv, EnvName } from "@/lib/sdui";

/** A deployed release as an environment serves it: its blueprint, bundle URLs and compiled functions. */
export type ServedRelease = {
  deploymentId: string;
  releaseId: string;
  version: string;
  blueprint: unknown;
  components: Record<string, string>;
  functions: Map<string, { versionId: string; contentHash: string; artifactKey: string }>;
};

/** What an environment serves: dev the workspace HEAD; staging and prod their deployed release, or nothing yet. */
export type ServedVersion =
  | { env: "dev"; kind: "head" }
  | { env: DeployEnv; kind: "release"; release: ServedRelease }
  | { env: DeployEnv; kind: "none" };

// Every app request resolves its version: kept per node for a moment, and forgotten on every node the
// instant a deploy or rollback moves the pointer (a node that missed the message within CACHE_MS).
const CACHE_MS = 2_000;
const cache = new Map<string, { until: number; version: Promise<ServedVersion> }>();

async function load(projectId: string, env: DeployEnv): Promise<ServedVersion> {
  const db = await getDb();
  const environment = await db.environment.findUnique({
    where: { projectId_name: { projectId, name: env } },
    select: { currentDeployment: { select: { id: true, release: { select: { id: true, version: true, artifacts: true } } } } },
  });
  const deployment = environment?.currentDeployment;
  if (!deployment) return { env, kind: "none" };
  const { artifacts } = deployment.release;
  const blueprintKey = artifacts.find((a) => a.kind === "blueprint")?.artifactKey;
  const blueprintBytes = blueprintKey ? await readArtifact(blueprintKey) : null;
  const release: ServedRelease = {
    deploymentId: deployment.id,
    releaseId: deployment.release.id,
    version: deployment.release.version,
    blueprint: blueprintBytes ? parseBlueprintText(blueprintBytes.toString("utf8")) : null,
    components: Object.fromEntries(artifacts.filter((a) => a.kind === "mfe").map((a) => [a.name, `/_myco/a/${a.artifactKey}`])),
    functions: new Map(artifacts.filter((a) => a.kind === "function").map((a) => [a.name, { versionId: a.functionVersionId ?? "", contentHash: a.contentHash, artifactKey: a.artifactKey }])),
  };
  return { env, kind: "release", release };
}

/** The version an app's environment serves now (the "resolve" half; serve-app.ts is the "serve" half). */
export function resolveServedVersion(scope: Pick<AppScope, "projectId" | "env">): Promise<ServedVersion> {
  const env: EnvName = scope.env;
  if (env === "dev") return Promise.resolve({ env, kind: "head" });
  const key = `${scope.projectId}:${env}`;
  const hit = cache.get(key);
  if (hit && hit.until > Date.now()) return hit.version;
  const version = load(scope.projectId, env);
  cache.set(key, { until: Date.now() + CACHE_MS, version });
  version.catch(() => cache.delete(key));
  return version;
}

const forget = forgetEverywhere("releases.servedVersion", (key) => cache.delete(key));

/** Forgets, on every node, what an environment serves, after its pointer moved (deploy, rollback, recovery). */
export function forgetServedVersion(projectId: string, env: EnvName): void {
  forget(`${projectId}:${env}`);
}
