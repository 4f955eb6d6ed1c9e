import path from "node:path";
import { builtinModules } from "node:module";
import type * as esbuild from "esbuild";
import { AppError } from "@/lib/errors";
import type { TenantScope } from "@/lib/auth";
import { readFile } from "@/lib/workspace";
import { dependencyDir } from "./install-dependencies";

/** Where a build error is, so an editor (or the agent) can go straight to it. */
export type BuildDiagnostic = { file: string; line: number; column: number; message: string };

/** Build failures carry every diagnostic; the message names the first, with file, line and column. */
export class BuildError extends AppError {
  constructor(readonly diagnostics: BuildDiagnostic[]) {
    const first = diagnostics[0];
    super("unprocessable", first ? `${first.file}:${first.line}:${first.column}: ${first.message}` : "Build failed.", "path");
  }
}

const EXTENSIONS = ["", ".ts", ".tsx", ".js", ".mjs", ".json", ".css", "/index.ts", "/index.tsx", "/index.js"];
const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const NS = "workspace";
/** The text esbuild gives an npm package that is not installed; component builds add it and retry. */
export const MISSING_PACKAGE = /^Package "([^"]+)" is not installed/;

/**
 * Resolves and loads a tenant build from the workspace only: every file through the workspace module
 * (its path rules), relative imports that never leave it, npm packages from the project's installed
 * dependencies, and no Node built-ins. `kind` words the built-in refusal.
 */
export function workspacePlugin(scope: TenantScope, files: Set<string>, kind: "functions" | "components"): esbuild.Plugin {
  return {
    name: "myco-workspace",
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind === "entry-point") return { path: args.path, namespace: NS };
        if (BUILTINS.has(args.path)) return { errors: [{ text: `Node built-in "${args.path}" is not available to ${kind}.${kind === "functions" ? " Use ctx (db, fetch, env, log)." : ""}` }] };
        if (args.namespace !== NS) return undefined; // inside an npm package: esbuild resolves it on disk
        if (args.path.startsWith(".")) {
          const base = path.posix.normalize(path.posix.join(path.posix.dirname(args.importer), args.path));
          const found = EXTENSIONS.map((ext) => base + ext).find((candidate) => files.has(candidate));
          if (base.startsWith("..") || !found) return { errors: [{ text: `Cannot find "${args.path}" in the workspace.` }] };
          return { path: found, namespace: NS };
        }
        if (args.path.startsWith("/")) return { errors: [{ text: "Absolute imports are not allowed; import relative files or npm packages." }] };
        if (build.initialOptions.external?.includes(args.path)) return { path: args.path, external: true };
        const resolved = await build.resolve(args.path, { kind: args.kind, resolveDir: dependencyDir(scope) });
        if (resolved.errors.length > 0) return { errors: [{ text: `Package "${args.path}" is not installed; add it to package.json.` }] };
        return resolved;
      });
      build.onLoad({ filter: /.*/, namespace: NS }, async (args) => {
        const file = await readFile(scope, args.path);
        const ext = path.extname(args.path).slice(1);
        // A component's CSS becomes a string it hands to its shadow root (export const styles).
        const loader = (ext === "css" ? "text" : ext || "ts") as esbuild.Loader;
        return { contents: Buffer.from(file.content, file.encoding), loader, resolveDir: dependencyDir(scope) };
      });
    },
  };
}

/** The diagnostics of an esbuild failure, with workspace paths; null for any other error. */
export function diagnosticsOf(err: unknown): BuildDiagnostic[] | null {
  if (!(err && typeof err === "object" && "errors" in err && Array.isArray(err.errors))) return null;
  return (err.errors as esbuild.Message[]).map((m) => ({
    file: m.location?.file.replace(`${NS}:`, "") ?? "",
    line: m.location?.line ?? 0,
    column: (m.location?.column ?? 0) + 1,
    message: m.text,
  }));
}
