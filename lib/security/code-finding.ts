// What code analysis reports, and how much each rule matters. Severity decides what happens next: a high
// finding blocks a release (unless an owner overrides it) and, with medium ones, goes back to the agent.

/** The largest file the analyser parses; parsing is linear but slow (about 1 s per 100 KB on a busy core). */
export const MAX_ANALYSED_BYTES = 256 * 1024;

/** How much a finding matters. */
export type Severity = "high" | "medium" | "low";

/** One problem in one file; lines and columns are 1-based, as editors show them. */
export type CodeFinding = {
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  rule: string;
  severity: Severity;
  message: string;
};

type RuleInfo = { severity: Severity; message?: string };

/**
 * Every rule that runs, its severity and, for the plugins' rules, a message in plain words (their own
 * messages name AST node types). The myco/* rules write their own messages.
 */
export const CODE_RULES: Readonly<Record<string, RuleInfo>> = {
  "myco/no-eval": { severity: "high" },
  "myco/no-new-function": { severity: "high" },
  "myco/no-indirect-code": { severity: "high" },
  "myco/no-hardcoded-secret": { severity: "high" },
  "myco/no-sql-concatenation": { severity: "high" },
  "myco/no-unsafe-inner-html": { severity: "high" },
  "myco/not-analysed": {
    severity: "high",
    message: "This file could not be analysed (it is not UTF-8 text, or larger than the analyser reads), so nothing vouches for it. Keep code files as UTF-8 text under 256 KB: split large ones, and move data into JSON or the database.",
  },
  "myco/no-dynamic-import": { severity: "medium" },
  "myco/no-unbounded-loop": { severity: "medium" },
  "security/detect-eval-with-expression": {
    severity: "high",
    message: "eval() runs text as code: whoever controls that text runs code here. Use JSON.parse for data, or write the code itself.",
  },
  "no-unsanitized/property": {
    severity: "high",
    message: "Assigning markup built from data to innerHTML/outerHTML lets that data run scripts in the page. Set textContent instead, or sanitise it with DOMPurify.sanitize() first.",
  },
  "no-unsanitized/method": {
    severity: "high",
    message: "insertAdjacentHTML/document.write with markup built from data lets that data run scripts in the page. Insert text nodes instead, or sanitise it with DOMPurify.sanitize() first.",
  },
  "security/detect-non-literal-require": {
    severity: "medium",
    message: "require() of a computed name can load any module. Require a fixed module name.",
  },
  "security/detect-child-process": {
    severity: "low",
    message: "child_process runs programs. Neither the browser nor a Myco function can start one: do the work in code, or call a service with ctx.fetch.",
  },
  "security/detect-unsafe-regex": {
    severity: "low",
    message: "This regular expression can take exponentially long on some inputs (ReDoS). Avoid nested repetition such as (a+)+.",
  },
  "security/detect-non-literal-regexp": {
    severity: "low",
    message: "A regular expression built from data can run very slowly or match more than intended. Escape the text, or use a fixed pattern.",
  },
  "security/detect-possible-timing-attacks": {
    severity: "low",
    message: "Comparing a secret with === or !== can leak it through timing. Compare in constant time (for example, compare hashes of both values).",
  },
  "security/detect-pseudoRandomBytes": {
    severity: "low",
    message: "pseudoRandomBytes is not cryptographically random. Use crypto.getRandomValues() for anything secret.",
  },
  "security/detect-bidi-characters": {
    severity: "low",
    message: "Bidirectional control characters make code read differently from how it runs (Trojan Source). Remove them.",
  },
  "security/detect-invisible-characters": {
    severity: "low",
    message: "Invisible characters can hide what code really does. Remove them.",
  },
};

/** The number of findings of each severity. */
export function countFindings(findings: readonly CodeFinding[]): Record<Severity, number> {
  const counts = { high: 0, medium: 0, low: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}
