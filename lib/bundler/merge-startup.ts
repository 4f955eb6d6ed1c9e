import path from "node:path";
import * as esbuild from "esbuild";
import { timedBuild } from "./timed-build";

type ImportKind = esbuild.Metafile["outputs"][string]["imports"][number]["kind"];

/** One module of a split browser build: its code, what it imports (siblings by module name, shared modules by specifier), its sources. */
export type BrowserModule = {
  code: string;
  imports: { path: string; kind: ImportKind; external: boolean }[];
  exports: string[];
  inputs: string[];
};

/** A browser build split into modules: the entry's module name, and every module by name. */
export type SplitBundle = { entry: string; modules: Map<string, BrowserModule> };

/** The modules `entry` imports statically, transitively, with itself: what a page fetches before the entry runs. */
export function staticClosure({ entry, modules }: SplitBundle): Set<string> {
  const files = new Set([entry]);
  for (const file of files) {
    for (const imported of modules.get(file)?.imports ?? []) if (!imported.external && imported.kind === "import-statement") files.add(imported.path);
  }
  return files;
}

type Options = { base: esbuild.BuildOptions; external: readonly string[]; outdir: string; selfSpecifier: string };

/**
 * esbuild splits code shared by the entry and its dynamically imported modules into chunks by who shares
 * it, so the entry starts only after several chunks arrive, each gzipped apart (and naming the others by
 * long content-addressed URLs). This makes the entry and every chunk it imports statically one module,
 * exporting under short aliases what the other modules used from those chunks; those modules import it by
 * `selfSpecifier` (the page's import map names the entry's URL), so the page still holds one instance of
 * each. A bare specifier, not a URL: the entry names their URLs, so their naming its URL would be a cycle.
 */
export async function mergeStartupModules(bundle: SplitBundle, options: Options): Promise<SplitBundle> {
  const startup = staticClosure(bundle);
  if (startup.size === 1) return bundle;
  const aliases = new Map<string, [name: string, alias: string][]>();
  let count = 0;
  for (const file of startup) aliases.set(file, (bundle.modules.get(file)?.exports ?? []).map((name) => [name, `m${(count++).toString(36)}`]));
  const sibling = (specifier: string) => path.join(options.outdir, specifier.slice(2));
  const codeOf = (file: string) => {
    const code = bundle.modules.get(file)?.code;
    if (code === undefined) throw new Error(`esbuild named ${file} but produced no such output`);
    return code;
  };

  const build = async (name: string, contents: string, plugin: esbuild.Plugin): Promise<[string, BrowserModule]> => {
    const result = await timedBuild("other", {
      ...options.base, stdin: { contents, loader: "js", resolveDir: options.outdir, sourcefile: name }, outfile: name, external: [...options.external, options.selfSpecifier],
      plugins: [plugin],
    });
    const output = result.outputFiles?.[0];
    const meta = result.metafile && Object.values(result.metafile.outputs)[0];
    if (!output || !meta) throw new Error(`esbuild produced no output for ${name}`);
    const imports = meta.imports.map((i) => (i.path.startsWith("./") ? { path: sibling(i.path), kind: i.kind, external: false } : { path: i.path, kind: i.kind, external: true }));
    const inputs = name === bundle.entry ? [...startup].flatMap((file) => bundle.modules.get(file)?.inputs ?? []) : (bundle.modules.get(name)?.inputs ?? []);
    return [name, { code: output.text, imports, exports: meta.exports, inputs }];
  };

  // The entry with its start-up chunks inlined; its dynamic imports stay the siblings they were.
  const merged = build(bundle.entry, [
    `import "./${path.basename(bundle.entry)}";`,
    ...[...aliases].flatMap(([file, names]) => (names.length === 0 ? [] : [`export { ${names.map(([n, a]) => `${n} as ${a}`).join(", ")} } from "./${path.basename(file)}";`])),
  ].join("\n"), {
    name: "inline-startup",
    setup(b) {
      b.onResolve({ filter: /^\.\// }, (args) => (args.kind !== "dynamic-import" && startup.has(sibling(args.path)) ? { path: sibling(args.path), namespace: "startup" } : { path: args.path, external: true }));
      b.onLoad({ filter: /.*/, namespace: "startup" }, (args) => ({ contents: codeOf(args.path), loader: "js" }));
    },
  });
  // Every other module, its imports of start-up chunks turned into imports of the entry's aliases.
  const others = [...bundle.modules.keys()].filter((file) => !startup.has(file)).map((file) => build(file, codeOf(file), {
    name: "import-startup",
    setup(b) {
      b.onResolve({ filter: /^\.\// }, (args) => (startup.has(sibling(args.path)) ? { path: sibling(args.path), namespace: "alias" } : { path: args.path, external: true }));
      b.onLoad({ filter: /.*/, namespace: "alias" }, (args) => ({
        contents: `export { ${(aliases.get(args.path) ?? []).map(([n, a]) => `${a} as ${n}`).join(", ")} } from ${JSON.stringify(options.selfSpecifier)};`,
        loader: "js",
      }));
    },
  }));
  return { entry: bundle.entry, modules: new Map(await Promise.all([merged, ...others])) };
}
