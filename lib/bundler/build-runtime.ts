import path from "node:path";
import { createRequire } from "node:module";
import * as esbuild from "esbuild";
import { putArtifact } from "./artifacts";
import { timedBuild } from "./timed-build";

/** What every hosted page loads: the import map (one shared React, the SDK) and the runtime's URL. */
export type RuntimeAssets = { importMap: Record<string, string>; runtimeUrl: string; vendorBytes: number; runtimeBytes: number };

/** Modules every MFE shares with the runtime instead of bundling its own copy. */
export const SHARED_MODULES = ["react", "react-dom", "react-dom/client", "react/jsx-runtime", "@myco/sdk"] as const;

const ROOT = /*turbopackIgnore: true*/ process.cwd();
const requireFromRoot = createRequire(path.join(ROOT, "package.json"));
const REACT_SPECS = { React: "react", ReactDOM: "react-dom", ReactDOMClient: "react-dom/client", JSXRuntime: "react/jsx-runtime" } as const;
const urlOf = (key: string) => `/_myco/a/${key}`;

async function bundle(options: esbuild.BuildOptions): Promise<Uint8Array> {
  const result = await timedBuild("other", {
    bundle: true, write: false, format: "esm", platform: "browser", target: "es2022", minify: true, legalComments: "none",
    define: { "process.env.NODE_ENV": '"production"' }, logLevel: "silent", absWorkingDir: ROOT, ...options,
  });
  const out = result.outputFiles?.[0]?.contents;
  if (!out) throw new Error("esbuild produced no output");
  return out;
}

// React ships CommonJS only, so browsers cannot import it as is: all four entry points go into one ESM
// bundle (one copy of React, which react-dom's own require("react") resolves to), and each import-map
// name gets a small facade that re-exports its names statically.
async function buildReact(): Promise<{ map: Record<string, string>; bytes: number }> {
  const core = await putArtifact("vendor", "js", await bundle({
    stdin: { contents: Object.entries(REACT_SPECS).map(([as, spec]) => `export * as ${as} from "${spec}";`).join("\n"), resolveDir: ROOT, loader: "js" },
  }));
  const map: Record<string, string> = {};
  let bytes = core.sizeBytes;
  for (const [as, spec] of Object.entries(REACT_SPECS)) {
    const names = Object.keys(requireFromRoot(spec) as object).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n) && n !== "default");
    const facade = `import { ${as} as M } from "${urlOf(core.key)}";\nconst D = M.default ?? M;\nexport default D;\nexport const { ${names.join(", ")} } = D;\n`;
    const artifact = await putArtifact("vendor", "js", new TextEncoder().encode(facade));
    map[spec] = urlOf(artifact.key);
    bytes += artifact.sizeBytes;
  }
  return { map, bytes };
}

let assets: Promise<RuntimeAssets> | undefined;

/**
 * Builds, once per process, the shared vendor modules (React, the client SDK) and the SDUI runtime from
 * this installation's own node_modules and components/sdui: nothing is ever loaded from a CDN.
 */
export function buildRuntimeAssets(): Promise<RuntimeAssets> {
  assets ??= (async () => {
    const react = await buildReact();
    const external = [...SHARED_MODULES];
    const sdk = await putArtifact("vendor", "js", await bundle({ entryPoints: [path.join(ROOT, "components/sdui/sdk.ts")], external, jsx: "automatic" }));
    const importMap = { ...react.map, "@myco/sdk": urlOf(sdk.key) };
    const runtime = await putArtifact("vendor", "js", await bundle({ entryPoints: [path.join(ROOT, "components/sdui/runtime-entry.tsx")], external, jsx: "automatic" }));
    return { importMap, runtimeUrl: urlOf(runtime.key), vendorBytes: react.bytes + sdk.sizeBytes, runtimeBytes: runtime.sizeBytes };
  })();
  assets.catch(() => (assets = undefined));
  return assets;
}
