import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyAllowlist, checkTree, type Violation } from "../support/architecture/check-tree";
import { checkOrderLine, HOUSE_RULES } from "../support/architecture/house-rules";
import { expectedFindings, FIXTURE_SOURCE_FILES, FIXTURE_TREE } from "../support/architecture/fixture-tree";

// The checker is proven on a tree that breaks each rule in each spelling it claims to see: every marked
// line must be reported, as marked, and nothing else (comments and strings included).
const root = fs.mkdtempSync(path.join(os.tmpdir(), "myco-arch-"));
let result: { files: string[]; violations: Violation[] };

beforeAll(() => {
  for (const [rel, text] of Object.entries(FIXTURE_TREE)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  result = checkTree(root, HOUSE_RULES);
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe("architecture checker", () => {
  it("walks every source file of every extension and skips dependencies, build output, data and generated code", () => {
    expect(result.files).toEqual(FIXTURE_SOURCE_FILES);
  });

  it.each(FIXTURE_SOURCE_FILES)("reports exactly the marked lines of %s", (file) => {
    const found = result.violations.filter((v) => v.file === file).map((v) => `${v.line} ${v.rule} ${v.subject}`);
    expect(found.sort()).toEqual(expectedFindings(FIXTURE_TREE[file] ?? "").sort());
  });

  it("lets an allowlist entry permit exactly its file, rule and subject, and reports an entry that permits nothing", () => {
    const entry = { file: "instrumentation.ts", rule: "env", subject: "process.env.NEXT_RUNTIME", why: "fixture" } as const;
    const stale = { file: "proxy.ts", rule: "env", subject: "process.env.NEXT_RUNTIME", why: "fixture" } as const;
    const applied = applyAllowlist(result.violations, [entry, stale]);
    expect(applied.violations.length).toBe(result.violations.length - 1);
    expect(applied.violations.some((v) => v.file === "instrumentation.ts")).toBe(false);
    expect(applied.stale).toEqual([stale]);
  });

  it("accepts a document that states the module order once, exactly as lib/modules.ts", () => {
    expect(checkOrderLine("Modules, in order:\n\n`config → errors → log`\n", ["config", "errors", "log"])).toEqual([]);
  });

  it("refuses a document whose module order differs, is missing, or is stated twice", () => {
    const order = ["config", "errors", "log"];
    expect(checkOrderLine("`config → log → errors`", order)).toEqual(["states `config → log → errors`; lib/modules.ts says `config → errors → log`"]);
    expect(checkOrderLine("no order here", order)).toEqual(["states a module order 0 times; state it once, as `config → errors → log`"]);
    expect(checkOrderLine("`config → errors → log` and `config → errors → log`", order)).toHaveLength(1);
    expect(checkOrderLine("`process.env` → config, `esbuild` → bundler", order)).toEqual(["states a module order 0 times; state it once, as `config → errors → log`"]);
  });
});
