import type * as esbuild from "esbuild";
import { AppError } from "@/lib/errors";
import type { TenantScope } from "@/lib/auth";
import { getHeadSha, listFiles } from "@/lib/workspace";
import { BuildError, buildFailureOf, diagnosticsOf } from "./build-error";
import { dependencyDir } from "./install-dependencies";
import { jailOf } from "./package-jail";
import { timedBuild } from "./timed-build";
import { tenantTsconfig } from "./tenant-tsconfig";
import { workspacePlugin } from "./workspace-plugin";

/** What a caller may choose of a tenant build: nothing that decides which files are read. */
export type EntryOptions = Pick<esbuild.BuildOptions, "format" | "platform" | "jsx" | "external" | "define" | "globalName" | "mainFields">;

type Kind = "functions" | "components";

/** The options of a jailed tenant build (entry, jail, tsconfig), for esbuild.build or a kept context. */
export type JailedOptions = esbuild.BuildOptions & { write: false; metafile: true };

/**
 * The options of a build of `entry` whose every file is read through the workspace plugin's jail.
 * `files` (the workspace's paths) is what the jail resolves against; a kept context updates it in place.
 */
export async function jailedOptions(scope: TenantScope, entry: string, kind: Kind, options: EntryOptions, files: Set<string>): Promise<JailedOptions> {
  const jail = await jailOf(dependencyDir(scope));
  return {
    ...options,
    entryPoints: [entry], bundle: true, write: false, metafile: true, target: "es2022", minify: true, legalComments: "none", logLevel: "silent",
    // Nothing resolves against the server: the working directory is the project's deps folder, there is
    // no NODE_PATH, tsconfigRaw stands in for every tsconfig.json esbuild would otherwise find on the way
    // up (the server's `@/*` paths among them), and no source map is read (its comment names any file).
    absWorkingDir: jail.depsDir, nodePaths: [], tsconfigRaw: await tenantTsconfig(scope, files), sourcemap: false, preserveSymlinks: false,
    plugins: [workspacePlugin(scope, files, kind, jail)],
  };
}

/** A failed esbuild run as a BuildError with file, line and column; any other error as it was. */
export function asBuildError(err: unknown): unknown {
  const failure = buildFailureOf(err);
  return failure ? new BuildError(diagnosticsOf(failure.errors, failure.warnings)) : err;
}

/** The bundle of a finished build; a glob import it only warned about still fails it. */
export function bundleOf(result: esbuild.BuildResult<{ write: false }>): Uint8Array {
  const refusedGlobs = diagnosticsOf([], result.warnings);
  if (refusedGlobs.length > 0) throw new BuildError(refusedGlobs);
  const output = result.outputFiles[0];
  if (!output) throw new Error("esbuild produced no output");
  return output.contents;
}

/** not_found unless `entry` is one of the workspace's files. */
export function assertEntry(files: ReadonlySet<string>, entry: string, kind: Kind): void {
  if (!files.has(entry)) throw new AppError("not_found", `No ${kind === "functions" ? "function" : "component"} ${entry}.`, "name");
}

/**
 * Bundles one workspace entry (a function or a component) with esbuild, every file read through the
 * workspace plugin's jail; a missing entry is not_found, a failed build a BuildError with file, line and column.
 */
export async function compileWorkspaceEntry(scope: TenantScope, entry: string, kind: Kind, options: EntryOptions): Promise<Uint8Array> {
  const files = new Set((await listFiles(scope)).map((f) => f.path));
  assertEntry(files, entry, kind);
  const jailed = await jailedOptions(scope, entry, kind, options, files);
  const result = await timedBuild(kind === "functions" ? "function" : "component", jailed).catch((err: unknown) => {
    throw asBuildError(err);
  });
  return bundleOf(result);
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
