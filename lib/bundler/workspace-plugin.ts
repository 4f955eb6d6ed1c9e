import path from "node:path";
import { builtinModules } from "node:module";
import type * as esbuild from "esbuild";
import type { TenantScope } from "@/lib/auth";
import { readFile } from "@/lib/workspace";
import { GLOB_REFUSED } from "./build-error";
import { browserMaps } from "./browser-map";
import { findGlobImport } from "./find-glob-import";
import { isInstalled, packageNameOf, readInside, realpathInside, type BuildJail } from "./package-jail";

type Kind = "functions" | "components";
type Loader = esbuild.Loader | "css";
type Refusal = { errors: esbuild.PartialMessage[] };

const EXTENSIONS = ["", ".ts", ".tsx", ".js", ".mjs", ".json", ".css", "/index.ts", "/index.tsx", "/index.js"];
const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const NS = "workspace";
const EMPTY_NS = "myco-empty";
/** The text a build gives a package the project has not installed; component builds add it and retry. */
export const MISSING_PACKAGE = /^Package "([^"]+)" is not installed/;

// The loaders a build may use, by the extension of the file: never text, file, binary, dataurl, base64
// or copy, which would turn any file into a string. "css" (components only) is a module whose default
// export is the file's text, which a component hands to its shadow root (export const styles).
const WORKSPACE_LOADERS: Record<string, Loader> = { ts: "ts", tsx: "tsx", js: "js", jsx: "jsx", mjs: "js", json: "json", css: "css" };
const PACKAGE_LOADERS: Record<string, Loader> = { js: "js", mjs: "js", cjs: "js", json: "json", css: "css" };

function loaderOf(file: string, loaders: Record<string, Loader>, kind: Kind): Loader | null {
  const loader = loaders[path.extname(file).slice(1)] ?? null;
  return loader === "css" && kind !== "components" ? null : loader;
}

function unloadable(file: string, kind: Kind): string {
  const ext = path.extname(file);
  return `${ext ? `${ext} files` : "files without an extension"} cannot be imported by ${kind}.`;
}

function contentsFor(bytes: Buffer, loader: Loader): { contents: string | Uint8Array; loader: esbuild.Loader } {
  if (loader === "css") return { contents: `export default ${JSON.stringify(bytes.toString("utf8"))};`, loader: "js" };
  return { contents: bytes, loader };
}

const refuse = (specifier: string, why: string): Refusal => ({ errors: [{ text: `Cannot import ${JSON.stringify(specifier)}: ${why}` }] });
// One text for "not found" and "found outside": a refusal never tells whether an outside file exists.
const OUTSIDE = "it is not a file of this project's workspace or installed packages.";
const cannotLoad = (what: string): Refusal => ({ errors: [{ text: `${what} cannot be loaded: ${OUTSIDE}` }] });
const INNER = Symbol("myco-jail-resolve");

// Import attributes: { type: "json" } on a .json file, nothing else (esbuild lets a plugin's load
// ignore attributes, so { type: "text" } would otherwise pass silently).
function attributesProblem(args: { path: string; with: Record<string, string> }, resolved?: string): Refusal | null {
  const keys = Object.keys(args.with);
  if (keys.length === 0) return null;
  if (keys.length === 1 && args.with.type === "json" && (!resolved || resolved.endsWith(".json"))) return null;
  return refuse(args.path, 'the only import attribute allowed is with { type: "json" } on a .json file.');
}

type Jail = {
  build: esbuild.PluginBuild; scope: TenantScope; files: Set<string>; kind: Kind; paths: BuildJail;
  external: Set<string>; isBrowser: boolean; maps: ReturnType<typeof browserMaps>;
  /** Package files this jail resolved; any other file esbuild asks to load was reached by a glob. */
  admitted: Set<string>;
};

// A package file as esbuild's own resolver finds it from `resolveDir`, admitted only inside the jail.
async function resolveInPackages(jail: Jail, args: esbuild.OnResolveArgs, resolveDir: string): Promise<esbuild.OnResolveResult> {
  const { build, paths, kind, external } = jail;
  const resolved = await build.resolve(args.path, { kind: args.kind, resolveDir, importer: args.importer, namespace: "file", with: args.with, pluginData: INNER });
  const ok = resolved.errors.length === 0;
  if (ok && resolved.external && external.has(resolved.path)) return { path: resolved.path, external: true };
  const real = ok && !resolved.external && resolved.namespace === "file" ? await realpathInside(paths.packagesDir, resolved.path) : null;
  if (!real) return refuse(args.path, OUTSIDE);
  if (args.namespace === "file" && jail.isBrowser && (await jail.maps.isDisabled(resolveDir, args.path, real))) return { path: real, namespace: EMPTY_NS };
  if (!loaderOf(real, PACKAGE_LOADERS, kind)) return refuse(args.path, unloadable(real, kind));
  const problem = attributesProblem(args, real);
  if (problem) return problem;
  jail.admitted.add(real);
  return { path: real, namespace: "file", sideEffects: resolved.sideEffects, suffix: resolved.suffix };
}

async function resolveFromWorkspace(jail: Jail, args: esbuild.OnResolveArgs): Promise<esbuild.OnResolveResult> {
  if (args.path.startsWith(".")) {
    const base = path.posix.normalize(path.posix.join(path.posix.dirname(args.importer), args.path));
    const found = EXTENSIONS.map((ext) => base + ext).find((candidate) => jail.files.has(candidate));
    if (base.startsWith("..") || !found) return { errors: [{ text: `Cannot find "${args.path}" in the workspace.` }] };
    if (!loaderOf(found, WORKSPACE_LOADERS, jail.kind)) return refuse(args.path, unloadable(found, jail.kind));
    return attributesProblem(args, found) ?? { path: found, namespace: NS };
  }
  if (args.path.startsWith("/")) return refuse(args.path, "absolute imports are not allowed; import relative files or npm packages.");
  if (jail.external.has(args.path)) return attributesProblem(args) ?? { path: args.path, external: true };
  const name = packageNameOf(args.path);
  if (!name) return refuse(args.path, "it is neither a relative path nor an npm package name.");
  if (!(await isInstalled(jail.paths, name))) return { errors: [{ text: `Package "${args.path}" is not installed; add it to package.json.` }] };
  return resolveInPackages(jail, args, jail.paths.depsDir);
}

async function resolveImport(jail: Jail, args: esbuild.OnResolveArgs): Promise<esbuild.OnResolveResult> {
  if (args.kind === "entry-point") return { path: args.path, namespace: NS };
  // Only package files this jail admitted import anything but workspace files.
  const fromPackage = args.namespace === "file" && jail.admitted.has(args.importer);
  if (fromPackage && jail.isBrowser && (await jail.maps.isDisabled(path.dirname(args.importer), args.path, null))) return { path: args.path, namespace: EMPTY_NS };
  if (BUILTINS.has(args.path)) return { errors: [{ text: `Node built-in "${args.path}" is not available to ${jail.kind}.${jail.kind === "functions" ? " Use ctx (db, fetch, env, log)." : ""}` }] };
  const problem = attributesProblem(args);
  if (problem) return problem;
  if (args.namespace === NS) return resolveFromWorkspace(jail, args);
  return fromPackage ? resolveInPackages(jail, args, path.dirname(args.importer)) : refuse(args.path, OUTSIDE);
}

// A file with a glob import is refused before esbuild parses it, so that esbuild lists no folder for it.
async function globIn(bytes: Buffer, loader: Loader, shownAs: string): Promise<Refusal | null> {
  if (loader !== "ts" && loader !== "tsx" && loader !== "js" && loader !== "jsx") return null;
  const glob = await findGlobImport(bytes.toString("utf8"), loader);
  return glob ? { errors: [{ text: `Cannot import ${glob.text}: ${GLOB_REFUSED}`, location: { file: shownAs, line: glob.line, column: 0 } }] } : null;
}

async function loadWorkspaceFile(jail: Jail, args: esbuild.OnLoadArgs): Promise<esbuild.OnLoadResult> {
  const loader = loaderOf(args.path, WORKSPACE_LOADERS, jail.kind);
  if (!loader || attributesProblem(args, args.path)) return cannotLoad(args.path);
  const file = await readFile(jail.scope, args.path);
  const bytes = Buffer.from(file.content, file.encoding);
  // resolveDir serves only esbuild's own listing of a glob that globIn missed, whose every match is refused.
  return (await globIn(bytes, loader, args.path)) ?? { ...contentsFor(bytes, loader), resolveDir: jail.paths.depsDir };
}

async function loadPackageFile(jail: Jail, args: esbuild.OnLoadArgs): Promise<esbuild.OnLoadResult> {
  if (!jail.admitted.has(args.path)) return { errors: [{ text: GLOB_REFUSED }] };
  const loader = loaderOf(args.path, PACKAGE_LOADERS, jail.kind);
  // Read here, not by esbuild: the file is checked again where it is opened, after every symlink.
  const bytes = loader && !attributesProblem(args, args.path) ? await readInside(jail.paths.packagesDir, args.path) : null;
  if (!loader || !bytes) return cannotLoad("A package file");
  const glob = await globIn(bytes, loader, path.relative(jail.paths.depsDir, args.path));
  return glob ?? { ...contentsFor(bytes, loader), resolveDir: path.dirname(args.path) };
}

// One answer per question: a package's files import the same modules from the same folder many times.
function answersOnce(jail: Jail, answers: Map<string, Promise<esbuild.OnResolveResult>>): (args: esbuild.OnResolveArgs) => Promise<esbuild.OnResolveResult> | undefined {
  return (args) => {
    if (args.pluginData === INNER) return undefined; // resolveInPackages' own question to esbuild's resolver
    const from = args.namespace === NS ? args.importer : path.dirname(args.importer);
    const key = JSON.stringify([from, args.namespace, args.kind, args.path, args.with]);
    let pending = answers.get(key);
    if (!pending) answers.set(key, (pending = resolveImport(jail, args)));
    return pending;
  };
}

/**
 * Jails a tenant build: every file comes from the workspace (through the workspace module and its path
 * rules) or from the project's installed packages (a realpath inside `<deps>/node_modules`, checked when
 * resolved and again when read); loaders come from an allowlist per kind of file; Node built-ins and
 * glob imports are refused. Anything else is a build error naming the import. `files` is read at each
 * resolve, so a kept esbuild context updates it before each rebuild.
 */
export function workspacePlugin(scope: TenantScope, files: Set<string>, kind: Kind, paths: BuildJail): esbuild.Plugin {
  return {
    name: "myco-workspace",
    setup(build) {
      const jail: Jail = {
        build, scope, files, kind, paths, external: new Set(build.initialOptions.external ?? []),
        isBrowser: build.initialOptions.platform === "browser", maps: browserMaps(paths.packagesDir), admitted: new Set(),
      };
      const answers = new Map<string, Promise<esbuild.OnResolveResult>>();
      // A kept context's rebuild starts afresh: `files` may have changed since, so no answer and no
      // admitted package file carries over; every import is resolved and checked again.
      build.onStart(() => {
        answers.clear();
        jail.admitted.clear();
      });
      build.onResolve({ filter: /.*/ }, answersOnce(jail, answers));
      build.onLoad({ filter: /.*/, namespace: NS }, (args) => loadWorkspaceFile(jail, args));
      build.onLoad({ filter: /.*/, namespace: "file" }, (args) => loadPackageFile(jail, args));
      // A module a package's "browser" map turns off is empty, as esbuild itself makes it.
      build.onLoad({ filter: /.*/, namespace: EMPTY_NS }, () => ({ contents: "", loader: "js" }));
      // Whatever else esbuild might read (a data: URL, a namespace of its own) is refused too.
      build.onLoad({ filter: /.*/ }, () => cannotLoad("This import"));
    },
  };
}
