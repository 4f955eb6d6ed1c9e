import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { bundleBrowserEntry } from "@/lib/bundler/build-runtime";
import { staticClosure, type SplitBundle } from "@/lib/bundler/merge-startup";

// The runtime is on every hosted page's critical path. It measured 44.5 KB minified (14.3 KiB gzip) once
// blueprints were validated on the server; with zod it was 161.6 KB. Raise this knowingly.
const MAX_RUNTIME_MINIFIED_BYTES = 48_000;
// What a hosted page may run: the renderer and lib/sdui's zod-free helpers. Everything else (node_modules,
// node: builtins, lib/db, Prisma, config, logs) is server code; React and the SDK come from the import map.
const BROWSER_INPUT = /^(components|lib)\/sdui\//;
const ZOD_INPUT = /(^|\/)node_modules\/zod\//;

const allInputs = (build: SplitBundle) => [...new Set([...build.modules.values()].flatMap((m) => m.inputs))];

describe("the hosted page's own modules", () => {
  it("builds runtime.js from runtime-entry.tsx with React left to the import map, no zod and nothing server-only", async () => {
    const build = await bundleBrowserEntry("runtime");
    const inputs = allInputs(build);
    expect(inputs).toContain("components/sdui/runtime-entry.tsx");
    expect(inputs.filter((i) => ZOD_INPUT.test(i))).toEqual([]);
    expect(inputs.filter((i) => !BROWSER_INPUT.test(i))).toEqual([]);
    // The schemas stay on the server: only the zod-free share of lib/sdui is in the page.
    expect(inputs.filter((i) => /^lib\/sdui\/(schema-|validate-blueprint|create-boot-manifest|parent-message-schema|env-name)/.test(i))).toEqual([]);
    const closure = [...staticClosure(build)];
    // What the runtime needs to start is one module: one request, gzipped whole.
    expect(closure).toEqual([build.entry]);
    const js = build.modules.get(build.entry)?.code ?? "";
    expect(js).not.toMatch(/__CLIENT_INTERNALS|react\.production|Minified React error|process\.env/);
    expect(js).toMatch(/from"react\/jsx-runtime"/);
    expect(js).toMatch(/from"react-dom\/client"/);
    // The rarely shown primitives are modules of their own, loaded when a page shows one.
    const startup = new Set(build.modules.get(build.entry)?.inputs);
    for (const lazy of ["table", "form", "form-field", "modal", "tabs", "list", "stat"]) {
      expect(startup.has(`components/sdui/primitives/${lazy}.tsx`), lazy).toBe(false);
      expect(inputs, lazy).toContain(`components/sdui/primitives/${lazy}.tsx`);
    }
    // Only the builder's preview listens for hot swaps: the code that does is loaded there alone.
    // Nor does a page that starts download its error pages.
    for (const rare of ["components/sdui/hot-listener.ts", "components/sdui/error-page.tsx"]) {
      expect(startup.has(rare), rare).toBe(false);
      expect(inputs, rare).toContain(rare);
    }
    const bytes = Buffer.byteLength(js);
    process.stdout.write(`runtime at start-up: ${closure.length} modules, ${bytes} bytes minified, ${gzipSync(js).byteLength} gzip; all modules ${build.modules.size}\n`);
    expect(bytes).toBeLessThan(MAX_RUNTIME_MINIFIED_BYTES);
  });

  it("builds the SDK (@myco/sdk) with no zod and nothing server-only", async () => {
    const build = await bundleBrowserEntry("sdk");
    const inputs = allInputs(build);
    expect(inputs).toContain("components/sdui/sdk.ts");
    expect(inputs.filter((i) => !BROWSER_INPUT.test(i))).toEqual([]);
    expect(build.modules.size).toBe(1);
    expect(Buffer.byteLength(build.modules.get(build.entry)?.code ?? "")).toBeLessThan(5_000);
  });
});
