import * as esbuild from "esbuild";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { TenantScope } from "@/lib/auth";
import { getHeadSha, listFiles, readFile } from "@/lib/workspace";
import { getDb } from "@/lib/db";
import { putArtifact } from "./artifacts";
import { installDependencies } from "./install-dependencies";
import { BuildError, diagnosticsOf, workspacePlugin } from "./workspace-plugin";

/** A function's name: `functions/<name>.ts` in the workspace, `/_fn/<name>` on the app's origin. */
export const FunctionName = z.string().regex(/^[a-z][a-zA-Z0-9_-]{0,63}$/, "must start with a lowercase letter and use letters, digits, - or _ (max 64)");

/** A compiled function: the script the runtime runs, and its registry version. */
export type BuiltFunction = { name: string; versionId: string; contentHash: string; script: string; sizeBytes: number; commitSha: string };

async function compile(scope: TenantScope, entry: string): Promise<Uint8Array> {
  const files = new Set((await listFiles(scope)).map((f) => f.path));
  if (!files.has(entry)) throw new AppError("not_found", `No function ${entry}.`, "name");
  try {
    const result = await esbuild.build({
      entryPoints: [entry], bundle: true, write: false, format: "iife", globalName: "__mycoFunction",
      platform: "neutral", target: "es2022", mainFields: ["module", "main"], minify: true, legalComments: "none",
      logLevel: "silent", plugins: [workspacePlugin(scope, files, "functions")],
    });
    const output = result.outputFiles[0];
    if (!output) throw new Error("esbuild produced no output");
    return output.contents;
  } catch (err) {
    const diagnostics = diagnosticsOf(err);
    if (diagnostics) throw new BuildError(diagnostics);
    throw err;
  }
}

// Builds per (project, HEAD, name); bounded, oldest first out.
const cache = new Map<string, Promise<BuiltFunction>>();
const MAX_CACHED_BUILDS = 500;

async function buildAndRegister(scope: TenantScope, name: string, commitSha: string): Promise<BuiltFunction> {
  await installDependencies(scope);
  const script = await compile(scope, `functions/${name}.ts`);
  const artifact = await putArtifact("functions", "js", script);
  const db = await getDb();
  const version = await db.functionVersion.upsert({
    where: { projectId_name_contentHash: { projectId: scope.projectId, name, contentHash: artifact.hash } },
    create: { projectId: scope.projectId, name, contentHash: artifact.hash, artifactKey: artifact.key, sizeBytes: artifact.sizeBytes, commitSha },
    update: {},
  });
  return { name, versionId: version.id, contentHash: artifact.hash, script: Buffer.from(script).toString("utf8"), sizeBytes: artifact.sizeBytes, commitSha };
}

/**
 * Compiles `functions/<name>.ts` with its relative imports and npm packages into one script, stored as a
 * content-addressed artifact and registered as a FunctionVersion. Cached per workspace HEAD; a build
 * error is a BuildError (422) naming file, line and column.
 */
export async function buildFunction(scope: TenantScope, name: string): Promise<BuiltFunction> {
  const commitSha = await getHeadSha(scope);
  const key = `${scope.projectId}:${commitSha}:${name}`;
  let pending = cache.get(key);
  if (!pending) {
    pending = buildAndRegister(scope, name, commitSha);
    cache.set(key, pending);
    pending.catch(() => cache.delete(key));
    if (cache.size > MAX_CACHED_BUILDS) cache.delete(cache.keys().next().value ?? key);
  }
  return pending;
}
