import { describe, expect, it } from "vitest";
import { findGlobImport } from "@/lib/bundler/find-glob-import";

describe("findGlobImport", () => {
  it.each([
    ["a template", "export default (n: string) => import(`../${n}`);", "`../${n}`", 1],
    ["a string joined with +", 'const x = 1;\nmodule.exports = (name) => require("../../x/" + name);', '"../../x/"+name', 2],
    ["comments before the parenthesis", "export default (n: string) =>\n  import /* a */ (\n    `./x/${n}`);", "`./x/${n}`", 2],
    ["a folded constant", 'export default (n: string) => import(`${"../"}${n}`);', "`../${n}`", 1],
    ["escaped characters", "module.exports = (n) => require('\\x2e\\x2e/' + n);", '"../"+n', 1],
    ["require spelled with a \\u escape", "module.exports = (n) => \\u0072equire('../' + n);", '"../"+n', 1],
    // Inputs that would make a backtracking search of the source take minutes. (The line is a guess in
    // the first: the scan for it does not parse strings, and takes the "/*" in this one for a comment.)
    ["a long string of unclosed comment openers before it", `const s = "${"import/*".repeat(20_000)}";\nexport default (n: string) => import(\`../\${n}\`);`, "`../${n}`", 1],
    ["long runs of spaces before it", `const a = require(${" ".repeat(50_000)}"x");\nexport default (n: string) => import(${" ".repeat(50_000)}\`../\${n}\`);`, "`../${n}`", 2],
  ])("finds a glob written with %s", async (_what, source, text, line) => {
    expect(await findGlobImport(source, "ts")).toEqual({ text, line });
  });

  it.each([
    ["static imports", 'import a from "./a";\nexport * from "../b";\nexport default a;'],
    ["a string literal", 'export default () => import("../x.js");'],
    ["a call inside a string", "export const s = \"require('../' + n)\";"],
    ["a method named require", 'export default (m: { require(p: string): void }, n: string) => m.require("../" + n);'],
    ["a syntax error", "export default (n) => import(`../${n}`"],
    ["an unterminated comment after import", `${"import/*".repeat(20_000)}x`],
  ])("finds none in %s", async (_what, source) => {
    expect(await findGlobImport(source, "ts")).toBeNull();
  });
});
