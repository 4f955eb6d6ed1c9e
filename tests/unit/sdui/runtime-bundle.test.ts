import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { bundleBrowserEntry, type SplitBundle } from "@/lib/bundler/build-runtime";

// The runtime is on every hosted page's critical path. It measured 44.5 KB minified (14.3 KiB gzip) once
// blueprints were validated on the server; with zod it was 161.6 KB. Raise this knowingly.
const MAX_RUNTIME_MINIFIED_BYTES = 48_000;
// What a hosted page may run: the renderer and lib/sdui's zod-free helpers. Everything else (node_modules,
// node: builtins, lib/db, Prisma, config, logs) is server code; React and the SDK come from the import map.
const BROWSER_INPUT = /^(components|lib)\/sdui\//;
const ZOD_INPUT = /(^|\/)node_modules\/zod\//;

// The modules a bundle's entry imports statically, transitively: what a page fetches before the entry runs.
function staticClosure({ entry, metafile }: SplitBundle): string[] {
  const files = new Set([entry]);
  for (const file of files) for (const i of metafile.outputs[file]?.imports ?? []) if (!i.external && i.kind === "import-statement") files.add(i.path);
  return [...files];
}

describe("the hosted page's own modules", () => {
  it("builds runtime.js from runtime-entry.tsx with React left to the import map, no zod and nothing server-only", async () => {
    const build = await bundleBrowserEntry("runtime");
    const inputs = Object.keys(build.metafile.inputs);
    expect(inputs).toContain("components/sdui/runtime-entry.tsx");
    expect(inputs.filter((i) => ZOD_INPUT.test(i))).toEqual([]);
    expect(inputs.filter((i) => !BROWSER_INPUT.test(i))).toEqual([]);
    // The schemas stay on the server: only the zod-free share of lib/sdui is in the page.
    expect(inputs.filter((i) => /^lib\/sdui\/(schema-|validate-blueprint|create-boot-manifest|parent-message-schema|env-name)/.test(i))).toEqual([]);
    const closure = staticClosure(build);
    const js = closure.map((file) => build.outputs.get(file) ?? "").join("\n");
    expect(js).not.toMatch(/__CLIENT_INTERNALS|react\.production|Minified React error|process\.env/);
    expect(js).toMatch(/from"react\/jsx-runtime"/);
    expect(js).toMatch(/from"react-dom\/client"/);
    // The rarely shown primitives are modules of their own, loaded when a page shows one.
    const startup = new Set(closure.flatMap((file) => Object.keys(build.metafile.outputs[file]?.inputs ?? {})));
    for (const lazy of ["table", "form", "form-field", "modal", "tabs", "list", "stat"]) {
      expect(startup.has(`components/sdui/primitives/${lazy}.tsx`), lazy).toBe(false);
      expect(inputs, lazy).toContain(`components/sdui/primitives/${lazy}.tsx`);
    }
    const bytes = Buffer.byteLength(js);
    process.stdout.write(`runtime at start-up: ${closure.length} modules, ${bytes} bytes minified, ${gzipSync(js).byteLength} gzip; all modules ${build.outputs.size}\n`);
    expect(bytes).toBeLessThan(MAX_RUNTIME_MINIFIED_BYTES);
  });

  it("builds the SDK (@myco/sdk) with no zod and nothing server-only", async () => {
    const build = await bundleBrowserEntry("sdk");
    const inputs = Object.keys(build.metafile.inputs);
    expect(inputs).toContain("components/sdui/sdk.ts");
    expect(inputs.filter((i) => !BROWSER_INPUT.test(i))).toEqual([]);
    expect(build.outputs.size).toBe(1);
    expect(Buffer.byteLength(build.outputs.get(build.entry) ?? "")).toBeLessThan(5_000);
  });
});
