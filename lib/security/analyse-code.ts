import { createHash } from "node:crypto";
import { Linter } from "eslint";
import tsParser from "@typescript-eslint/parser";
import noUnsanitized from "eslint-plugin-no-unsanitized";
import security from "eslint-plugin-security";
import { CODE_RULES, MAX_ANALYSED_BYTES, type CodeFinding } from "./code-finding";
import { mycoPlugin } from "./code-rules/plugin";

// eslint-plugin-security rules left off, each noise for this code:
// - detect-object-injection flags every obj[key], which typed app code does everywhere; nearly all false.
// - detect-non-literal-fs-filename, detect-buffer-noassert, detect-new-buffer: neither the browser nor the
//   functions' isolate has fs or Buffer, so the code cannot do what these look for.
// - detect-no-csrf-before-method-override, detect-disable-mustache-escape: Express and Mustache, not used here.
// - detect-eval-with-expression stays on; myco/no-eval adds eval of literals and window.eval, which it misses.
const OFF = ["detect-object-injection", "detect-non-literal-fs-filename", "detect-buffer-noassert", "detect-new-buffer",
  "detect-no-csrf-before-method-override", "detect-disable-mustache-escape"];

const RULES: Linter.RulesRecord = {
  ...Object.fromEntries(OFF.map((rule) => [`security/${rule}`, "off"])),
  // myco/not-analysed is no lint rule: analyseCode reports it for what the Linter never sees.
  ...Object.fromEntries(Object.keys(CODE_RULES).filter((rule) => rule !== "myco/not-analysed").map((rule) => [rule, "error"])),
};

function configFor(jsx: boolean): Linter.Config {
  return {
    files: jsx ? ["**/*.tsx", "**/*.jsx"] : ["**/*.ts", "**/*.mts", "**/*.js", "**/*.mjs"],
    languageOptions: { parser: tsParser, ecmaVersion: "latest", sourceType: "module", parserOptions: { ecmaFeatures: { jsx } } },
    plugins: { security, "no-unsanitized": noUnsanitized, myco: mycoPlugin },
    // Tenant code may not switch a rule off: `// eslint-disable` comments are ignored.
    linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: "off" },
    rules: RULES,
  };
}

const CONFIG: Linter.Config[] = [configFor(false), configFor(true)];
// No cwd of a tenant: files are named under a virtual root, and the Linter only ever sees their text.
const ROOT = "/myco-code";
const linter = new Linter({ cwd: ROOT, configType: "flat" });

/** Results per file content: the editor, the agent and releases analyse the same text again and again. */
const CACHE_ENTRIES = 500;
const cache = new Map<string, CodeFinding[]>();

function remember(key: string, findings: CodeFinding[]): CodeFinding[] {
  cache.delete(key);
  cache.set(key, findings);
  if (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
  return findings;
}

function analyseFile(path: string, text: string): CodeFinding[] {
  const key = createHash("sha256").update(path).update("\0").update(text).digest("hex");
  const cached = cache.get(key);
  if (cached) return remember(key, cached);
  let messages: Linter.LintMessage[];
  try {
    messages = linter.verify(text, CONFIG, { filename: `${ROOT}/${path}` });
  } catch {
    // A rule that crashes on odd code would otherwise let the whole file through unread.
    return remember(key, [notAnalysed(path)]);
  }
  // Code the analyser cannot parse may still build (parsers differ at the edges): it must not pass unread.
  const fatal = messages.find((m) => m.fatal);
  if (fatal) return remember(key, [notAnalysed(path, fatal)]);
  // no-unsanitized/method also reports import() of a computed name, which myco/no-dynamic-import names better.
  const seen = new Set(messages.filter((m) => m.ruleId === "myco/no-dynamic-import").map((m) => `${m.line}:${m.column}:no-unsanitized/method`));
  const findings = messages.flatMap((m): CodeFinding[] => {
    const info = m.ruleId ? CODE_RULES[m.ruleId] : undefined;
    if (!info || !m.ruleId || seen.has(`${m.line}:${m.column}:${m.ruleId}`)) return [];
    seen.add(`${m.line}:${m.column}:${m.ruleId}`);
    return [{
      path, line: m.line, column: m.column, endLine: m.endLine ?? m.line, endColumn: m.endColumn ?? m.column,
      rule: m.ruleId, severity: info.severity, message: info.message ?? m.message,
    }];
  });
  return remember(key, findings);
}

function notAnalysed(path: string, parseError?: Linter.LintMessage): CodeFinding {
  const info = CODE_RULES["myco/not-analysed"];
  const where = { line: parseError?.line ?? 1, column: parseError?.column ?? 1 };
  const message = parseError
    ? `This file could not be parsed for security analysis (${parseError.message.slice(0, 200)}), so nothing vouches for it. Fix the syntax; the build shows where.`
    : (info?.message ?? "");
  return { path, ...where, endLine: where.line, endColumn: where.column, rule: "myco/not-analysed", severity: "high", message };
}

/**
 * Security findings in components and functions, from eslint-plugin-security, eslint-plugin-no-unsanitized
 * and Myco's own rules, run in-process on the text only (no config file or anything else is read). Never
 * throws on bad code: a file that does not parse, is not text (null) or is over MAX_ANALYSED_BYTES is
 * one high finding (myco/not-analysed), since code that cannot be read must not pass as clean. Synchronous and CPU-bound: the server runs it in a worker
 * thread (lib/bundler/analysis-worker.ts), never on its own event loop. Sorted by path, line and column.
 */
export function analyseCode(files: readonly { path: string; text: string | null }[]): CodeFinding[] {
  return files
    // What cannot be read, or is too large to parse, is a finding itself: a file must not hide code by being unreadable.
    .flatMap((f) => (f.text === null || Buffer.byteLength(f.text) > MAX_ANALYSED_BYTES ? [notAnalysed(f.path)] : analyseFile(f.path, f.text)))
    .sort((a, b) => (a.path === b.path ? a.line - b.line || a.column - b.column : a.path < b.path ? -1 : 1));
}
