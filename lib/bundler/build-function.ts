import path from "node:path";
import { builtinModules } from "node:module";
import * as esbuild from "esbuild";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { TenantScope } from "@/lib/auth";
import { getHeadSha, listFiles, readFile } from "@/lib/workspace";
import { getDb } from "@/lib/db";
import { putArtifact } from "./artifacts";
import { dependencyDir, installDependencies } from "./install-dependencies";

/** A function's name: `functions/<name>.ts` in the workspace, `/_fn/<name>` on the app's origin. */
export const FunctionName = z.string().regex(/^[a-z][a-zA-Z0-9_-]{0,63}$/, "must start with a lowercase letter and use letters, digits, - or _ (max 64)");

/** Where a build error is, so an editor (or the agent) can go straight to it. */
export type BuildDiagnostic = { file: string; line: number; column: number; message: string };

/** A compiled function: the script the runtime runs, and its registry version. */
export type BuiltFunction = { name: string; versionId: string; contentHash: string; script: string; sizeBytes: number; commitSha: string };

const EXTENSIONS = ["", ".ts", ".tsx", ".js", ".mjs", ".json", "/index.ts", "/index.js"];
const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const NS = "workspace";

/** Build failures carry every diagnostic; the message names the first, with file, line and column. */
export class BuildError extends AppError {
  constructor(readonly diagnostics: BuildDiagnostic[]) {
    const first = diagnostics[0];
    super("unprocessable", first ? `${first.file}:${first.line}:${first.column}: ${first.message}` : "Build failed.", "path");
  }
}

function workspacePlugin(scope: TenantScope, files: Set<string>): esbuild.Plugin {
  return {
    name: "myco-workspace",
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind === "entry-point") return { path: args.path, namespace: NS };
        if (BUILTINS.has(args.path)) return { errors: [{ text: `Node built-in "${args.path}" is not available to functions; use ctx (db, fetch, env, log).` }] };
        if (args.namespace !== NS) return undefined; // inside an npm package: esbuild resolves it on disk
        if (args.path.startsWith(".")) {
          const base = path.posix.normalize(path.posix.join(path.posix.dirname(args.importer), args.path));
          const found = EXTENSIONS.map((ext) => base + ext).find((candidate) => files.has(candidate));
          if (base.startsWith("..") || !found) return { errors: [{ text: `Cannot find "${args.path}" in the workspace.` }] };
          return { path: found, namespace: NS };
        }
        if (args.path.startsWith("/")) return { errors: [{ text: "Absolute imports are not allowed; import relative files or npm packages." }] };
        const resolved = await build.resolve(args.path, { kind: args.kind, resolveDir: dependencyDir(scope) });
        if (resolved.errors.length > 0) return { errors: [{ text: `Package "${args.path}" is not installed; add it to package.json.` }] };
        return resolved;
      });
      build.onLoad({ filter: /.*/, namespace: NS }, async (args) => {
        const file = await readFile(scope, args.path);
        const loader = (path.extname(args.path).slice(1) || "ts") as esbuild.Loader;
        return { contents: Buffer.from(file.content, file.encoding), loader, resolveDir: dependencyDir(scope) };
      });
    },
  };
}

function diagnosticsOf(err: unknown): BuildDiagnostic[] | null {
  if (!(err && typeof err === "object" && "errors" in err && Array.isArray(err.errors))) return null;
  return (err.errors as esbuild.Message[]).map((m) => ({
    file: m.location?.file.replace(`${NS}:`, "") ?? "",
    line: m.location?.line ?? 0,
    column: (m.location?.column ?? 0) + 1,
    message: m.text,
  }));
}

async function compile(scope: TenantScope, entry: string): Promise<Uint8Array> {
  const files = new Set((await listFiles(scope)).map((f) => f.path));
  if (!files.has(entry)) throw new AppError("not_found", `No function ${entry}.`, "name");
  try {
    const result = await esbuild.build({
      entryPoints: [entry], bundle: true, write: false, format: "iife", globalName: "__mycoFunction",
      platform: "neutral", target: "es2022", mainFields: ["module", "main"], minify: true, legalComments: "none",
      logLevel: "silent", plugins: [workspacePlugin(scope, files)],
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
