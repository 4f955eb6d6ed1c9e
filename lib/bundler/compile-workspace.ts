import * as esbuild from "esbuild";
import { AppError } from "@/lib/errors";
import type { TenantScope } from "@/lib/auth";
import { getHeadSha, listFiles } from "@/lib/workspace";
import { BuildError, diagnosticsOf, workspacePlugin } from "./workspace-plugin";

/**
 * Bundles one workspace entry (a function or a component) with esbuild, every file read through the
 * workspace; a missing entry is not_found, a failed build a BuildError with file, line and column.
 */
export async function compileWorkspaceEntry(scope: TenantScope, entry: string, kind: "functions" | "components", options: esbuild.BuildOptions): Promise<Uint8Array> {
  const files = new Set((await listFiles(scope)).map((f) => f.path));
  if (!files.has(entry)) throw new AppError("not_found", `No ${kind === "functions" ? "function" : "component"} ${entry}.`, "name");
  try {
    const result = await esbuild.build({
      entryPoints: [entry], bundle: true, write: false, target: "es2022", minify: true, legalComments: "none", logLevel: "silent",
      plugins: [workspacePlugin(scope, files, kind)], ...options,
    });
    const output = result.outputFiles?.[0];
    if (!output) throw new Error("esbuild produced no output");
    return output.contents;
  } catch (err) {
    const diagnostics = diagnosticsOf(err);
    if (diagnostics) throw new BuildError(diagnostics);
    throw err;
  }
}

const MAX_CACHED_BUILDS = 500;

/**
 * A cache of builds per (project, workspace HEAD, name): a build is made once per commit, failed ones
 * are retried, and the oldest entries go first past MAX_CACHED_BUILDS.
 */
export function buildsPerHead<T>(build: (scope: TenantScope, name: string, commitSha: string) => Promise<T>) {
  const cache = new Map<string, Promise<T>>();
  return async (scope: TenantScope, name: string): Promise<T> => {
    const commitSha = await getHeadSha(scope);
    const key = `${scope.projectId}:${commitSha}:${name}`;
    let pending = cache.get(key);
    if (!pending) {
      pending = build(scope, name, commitSha);
      cache.set(key, pending);
      pending.catch(() => cache.delete(key));
      if (cache.size > MAX_CACHED_BUILDS) cache.delete(cache.keys().next().value ?? key);
    }
    return pending;
  };
}
