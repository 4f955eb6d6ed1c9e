import type { AppScope } from "@/lib/auth";
import { headShellContent, readArtifact, renderAppShell, type AppShell } from "@/lib/bundler";
import { AppError } from "@/lib/errors";
import { runFunction, type FunctionRun, type InvokeRequest } from "@/lib/functions";
import type { Logger } from "@/lib/log";
import { resolveServedVersion, type ServedRelease } from "./served-version";

// Deployed scripts are immutable (content-addressed), so each is read from the store once per node.
const MAX_CACHED_SCRIPTS = 500;
const scripts = new Map<string, Promise<string>>();

function scriptOf(artifactKey: string): Promise<string> {
  let script = scripts.get(artifactKey);
  if (!script) {
    script = readArtifact(artifactKey).then((bytes) => {
      if (!bytes) throw new Error(`release artifact ${artifactKey} is missing from the store`);
      return bytes.toString("utf8");
    });
    scripts.set(artifactKey, script);
    script.catch(() => scripts.delete(artifactKey));
    if (scripts.size > MAX_CACHED_SCRIPTS) scripts.delete(scripts.keys().next().value ?? artifactKey);
  }
  return script;
}

async function releaseOf(scope: AppScope): Promise<ServedRelease | null> {
  const version = await resolveServedVersion(scope);
  if (version.kind === "head") return null;
  if (version.kind === "none") throw new AppError("not_found", `Nothing is deployed to ${scope.env} yet.`, "env");
  return version.release;
}

/** An app's page on its environment's origin: the workspace HEAD on dev, the deployed release's elsewhere. */
export async function serveAppPage(scope: AppScope): Promise<AppShell> {
  const release = await releaseOf(scope);
  if (!release) return renderAppShell(await headShellContent(scope));
  return renderAppShell({ env: scope.env, blueprint: release.blueprint, components: release.components, version: `release:${release.releaseId}` });
}

/**
 * Runs an app's function on its environment's origin: the HEAD's build against the dev database on dev,
 * the deployed release's compiled version against that environment's own database elsewhere.
 */
export async function serveAppFunction(scope: AppScope, name: string, request: InvokeRequest, log: Logger, signal?: AbortSignal): Promise<FunctionRun> {
  const release = await releaseOf(scope);
  if (!release) return runFunction(scope, name, request, "http", log, { signal });
  const fn = release.functions.get(name);
  if (!fn) throw new AppError("not_found", `Release ${release.version} has no function ${name}.`, "name");
  const target = { env: scope.env, versionId: fn.versionId, contentHash: fn.contentHash, script: await scriptOf(fn.artifactKey) };
  return runFunction(scope, name, request, "http", log, { signal, target });
}
