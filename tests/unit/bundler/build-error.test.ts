import type * as esbuild from "esbuild";
import { describe, expect, it } from "vitest";
import { diagnosticsOf } from "@/lib/bundler/build-error";

const at = (text: string): esbuild.Message => ({
  id: "", pluginName: "", text, notes: [], detail: undefined,
  location: { file: "workspace:functions/g.ts", namespace: "workspace", line: 2, column: 16, length: 9, lineText: "  return import(`../${n}`);", suggestion: "" },
});

describe("diagnosticsOf", () => {
  it("words every outcome of a glob esbuild listed itself the same, once, naming the import", () => {
    const refused = "imports of a computed path (a glob such as import(`./x/${name}`)) are not available; import each file by its name.";
    const outcomes = [
      diagnosticsOf([at(refused), at(refused), at(refused)], []), // files found, each refused as it loaded
      diagnosticsOf([], [at('The glob pattern import("../**/*") did not match any files')]), // nothing found
      diagnosticsOf([at('Could not resolve import("../**/*")')], []), // no such folder
    ];
    for (const diagnostics of outcomes) {
      expect(diagnostics).toEqual([{ file: "functions/g.ts", line: 2, column: 17, message: `Cannot import \`../\${n}\`: ${refused}` }]);
    }
  });

  it("keeps other errors as esbuild words them and ignores other warnings", () => {
    expect(diagnosticsOf([at("Expected \";\" but found \"}\"")], [at("Comparison using the \"===\" operator here is always false")])).toEqual([
      { file: "functions/g.ts", line: 2, column: 17, message: "Expected \";\" but found \"}\"" },
    ]);
  });
});
