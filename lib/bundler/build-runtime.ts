import path from "node:path";
import { createRequire } from "node:module";
import * as esbuild from "esbuild";
import { RUNTIME_CSS } from "@/lib/sdui";
import { putArtifact } from "./artifacts";
import { mergeStartupModules, staticClosure, type BrowserModule, type SplitBundle } from "./merge-startup";
import { timedBuild } from "./timed-build";

/**
 * What every hosted page loads: the import map (one shared React, the SDK), the runtime's URL, and the
 * modules the runtime cannot start without (itself, the React facades it imports, their shared core), which
 * the page preloads so the browser fetches them in parallel instead of one import level at a time.
 */
export type RuntimeAssets = {
  importMap: Record<string, string>;
  runtimeUrl: string;
  runtimePreloadUrls: string[];
  /** The runtime's stylesheet (lib/sdui/runtime-css.ts), content-addressed like the modules. */
  stylesheetUrl: string;
  vendorBytes: number;
  runtimeBytes: number;
};

/** Modules every MFE shares with the runtime instead of bundling its own copy. */
export const SHARED_MODULES = ["react", "react-dom", "react-dom/client", "react/jsx-runtime", "@myco/sdk"] as const;

const ROOT = /*turbopackIgnore: true*/ process.cwd();
const requireFromRoot = createRequire(path.join(ROOT, "package.json"));
const REACT_SPECS = { React: "react", ReactDOM: "react-dom", ReactDOMClient: "react-dom/client", JSXRuntime: "react/jsx-runtime" } as const;
const urlOf = (key: string) => `/_myco/a/${key}`;

/** The browser modules built from components/sdui: the hosted runtime and the client SDK (@myco/sdk). */
export const BROWSER_ENTRIES = { runtime: "components/sdui/runtime-entry.tsx", sdk: "components/sdui/sdk.ts" } as const;
// What each entry is called in the import map, by which the modules it loads later import what it shares.
const RUNTIME_SPECIFIER = { runtime: "@myco/runtime", sdk: "@myco/sdk" } as const satisfies Record<keyof typeof BROWSER_ENTRIES, string>;

/** A bundle's bytes and esbuild's account of what went into it and what it imports. */
export type Bundle = { code: Uint8Array; metafile: esbuild.Metafile };

const BASE_OPTIONS: esbuild.BuildOptions = {
  bundle: true, write: false, format: "esm", platform: "browser", target: "es2022", minify: true, legalComments: "none",
  define: { "process.env.NODE_ENV": '"production"' }, logLevel: "silent", absWorkingDir: ROOT, metafile: true,
};

async function bundle(options: esbuild.BuildOptions): Promise<Bundle> {
  const result = await timedBuild("other", { ...BASE_OPTIONS, ...options });
  const code = result.outputFiles?.[0]?.contents;
  if (!code || !result.metafile) throw new Error("esbuild produced no output");
  return { code, metafile: result.metafile };
}

// Nothing is written there (write: false); splitting needs an output folder to name chunks against.
const SPLIT_OUTDIR = ".myco-browser-build";

/**
 * The runtime or the SDK as every hosted page gets it: minified, with the shared modules left to the import
 * map, split where the code imports dynamically (the runtime's rarely used primitives), and what the entry
 * needs to start in one module (merge-startup.ts).
 */
export async function bundleBrowserEntry(entry: keyof typeof BROWSER_ENTRIES): Promise<SplitBundle> {
  const result = await timedBuild("other", {
    ...BASE_OPTIONS, entryPoints: [path.join(ROOT, BROWSER_ENTRIES[entry])], external: [...SHARED_MODULES], jsx: "automatic",
    splitting: true, outdir: path.join(ROOT, SPLIT_OUTDIR), entryNames: "[name]-[hash]", chunkNames: "chunk-[hash]",
  });
  const { metafile } = result;
  if (!metafile) throw new Error("esbuild produced no metafile");
  const code = new Map((result.outputFiles ?? []).map((f) => [path.relative(ROOT, f.path), f.text]));
  const modules = new Map(Object.entries(metafile.outputs).flatMap(([file, output]): [string, BrowserModule][] => {
    const text = code.get(file);
    if (text === undefined) return [];
    const inputs = Object.entries(output.inputs).flatMap(([input, { bytesInOutput }]) => (bytesInOutput > 0 ? [input] : []));
    return [[file, { code: text, imports: output.imports.map(({ path: p, kind, external }) => ({ path: p, kind, external: external ?? false })), exports: output.exports, inputs }]];
  }));
  const entryPath = Object.entries(metafile.outputs).find(([, o]) => o.entryPoint === BROWSER_ENTRIES[entry])?.[0];
  if (!entryPath || !modules.has(entryPath)) throw new Error("esbuild produced no entry output");
  return mergeStartupModules({ entry: entryPath, modules }, { base: BASE_OPTIONS, external: SHARED_MODULES, outdir: SPLIT_OUTDIR, selfSpecifier: RUNTIME_SPECIFIER[entry] });
}

/** What a stored split bundle is served as: its entry's URL, and the modules the entry loads before it runs. */
type StoredBundle = { url: string; staticUrls: string[]; externalImports: string[]; bytes: number };

/**
 * Stores each module of a split bundle content-addressed, its imports of sibling modules rewritten to their
 * /_myco/a/ URLs (so a module's key covers what it loads). esbuild's chunks never import in a cycle; one
 * would be a bug here, and fails the build rather than ship a page that cannot load.
 */
async function storeSplitBundle(split: SplitBundle): Promise<StoredBundle> {
  const urls = new Map<string, string>();
  let bytes = 0;
  const store = async (file: string, visiting: Set<string>): Promise<string> => {
    const known = urls.get(file);
    if (known) return known;
    if (visiting.has(file)) throw new Error(`the browser build's modules import each other in a cycle at ${file}`);
    visiting.add(file);
    const module = split.modules.get(file);
    if (module === undefined) throw new Error(`esbuild named ${file} but produced no such output`);
    let { code } = module;
    for (const imported of module.imports) {
      if (imported.external) continue;
      code = code.replaceAll(`"./${path.basename(imported.path)}"`, `"${await store(imported.path, visiting)}"`);
    }
    visiting.delete(file);
    const left = [...split.modules.keys()].find((sibling) => code.includes(`"./${path.basename(sibling)}"`));
    if (left) throw new Error(`${file} still names ${left} by its relative path`);
    const artifact = await putArtifact("vendor", "js", new TextEncoder().encode(code));
    bytes += artifact.sizeBytes;
    urls.set(file, urlOf(artifact.key));
    return urlOf(artifact.key);
  };
  const url = await store(split.entry, new Set());
  const staticFiles = staticClosure(split);
  const externalImports = [...staticFiles].flatMap((file) => (split.modules.get(file)?.imports ?? []).flatMap((i) => (i.external && i.kind === "import-statement" ? [i.path] : [])));
  return { url, staticUrls: [...staticFiles].flatMap((f) => urls.get(f) ?? []), externalImports: [...new Set(externalImports)], bytes };
}

// React ships CommonJS only, so browsers cannot import it as is: all four entry points go into one ESM
// bundle (one copy of React, which react-dom's own require("react") resolves to), and each import-map
// name gets a small facade that re-exports its names statically.
async function buildReact(): Promise<{ map: Record<string, string>; coreUrl: string; bytes: number }> {
  const core = await putArtifact("vendor", "js", (await bundle({
    stdin: { contents: Object.entries(REACT_SPECS).map(([as, spec]) => `export * as ${as} from "${spec}";`).join("\n"), resolveDir: ROOT, loader: "js" },
  })).code);
  const map: Record<string, string> = {};
  let bytes = core.sizeBytes;
  for (const [as, spec] of Object.entries(REACT_SPECS)) {
    const names = Object.keys(requireFromRoot(spec) as object).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n) && n !== "default");
    const facade = `import { ${as} as M } from "${urlOf(core.key)}";\nconst D = M.default ?? M;\nexport default D;\nexport const { ${names.join(", ")} } = D;\n`;
    const artifact = await putArtifact("vendor", "js", new TextEncoder().encode(facade));
    map[spec] = urlOf(artifact.key);
    bytes += artifact.sizeBytes;
  }
  return { map, coreUrl: urlOf(core.key), bytes };
}

let assets: Promise<RuntimeAssets> | undefined;

/**
 * Builds, once per process, the shared vendor modules (React, the client SDK) and the SDUI runtime from
 * this installation's own node_modules and components/sdui: nothing is ever loaded from a CDN.
 */
export function buildRuntimeAssets(): Promise<RuntimeAssets> {
  assets ??= (async () => {
    const react = await buildReact();
    const [sdkBundle, runtimeBundle] = await Promise.all([bundleBrowserEntry("sdk"), bundleBrowserEntry("runtime")]);
    const [sdk, runtime] = [await storeSplitBundle(sdkBundle), await storeSplitBundle(runtimeBundle)];
    const importMap: Record<string, string> = { ...react.map, [RUNTIME_SPECIFIER.sdk]: sdk.url, [RUNTIME_SPECIFIER.runtime]: runtime.url };
    const imported = runtime.externalImports.flatMap((spec) => importMap[spec] ?? []);
    const runtimePreloadUrls = [...new Set([...runtime.staticUrls, ...imported, react.coreUrl])];
    const stylesheet = await putArtifact("vendor", "css", new TextEncoder().encode(RUNTIME_CSS));
    return {
      importMap, runtimeUrl: runtime.url, runtimePreloadUrls, stylesheetUrl: urlOf(stylesheet.key),
      vendorBytes: react.bytes + sdk.bytes, runtimeBytes: runtime.bytes + stylesheet.sizeBytes,
    };
  })();
  assets.catch(() => (assets = undefined));
  return assets;
}
