import path from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const REACT = ["react", "react-dom", "react-dom/client", "react/jsx-runtime"];
// The runtime is on every hosted page's critical path; zod is most of it. Raise this knowingly.
const MAX_MINIFIED_BYTES = 200_000;

describe("runtime.js", () => {
  it("builds from runtime-entry.tsx with React left to the import map", async () => {
    const result = await build({
      entryPoints: [path.join(ROOT, "components/sdui/runtime-entry.tsx")],
      absWorkingDir: ROOT,
      bundle: true,
      format: "esm",
      jsx: "automatic",
      minify: true,
      external: [...REACT, "@myco/sdk"],
      write: false,
      logLevel: "silent",
      metafile: true,
    });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    const js = result.outputFiles[0]?.text ?? "";
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((i) => /node_modules\/(react|react-dom|scheduler)\//.test(i))).toEqual([]);
    expect(js).not.toMatch(/__CLIENT_INTERNALS|react\.production|Minified React error|process\.env/);
    expect(js).toMatch(/from"react\/jsx-runtime"/);
    expect(js).toMatch(/from"react-dom\/client"/);
    expect(js.length).toBeLessThan(MAX_MINIFIED_BYTES);
  });
});
