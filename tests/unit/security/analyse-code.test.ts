import { describe, expect, it } from "vitest";
import { EXAMPLES, STARTERS } from "@/components/ide/agent-starters";
import { parseRequest, planApp } from "@/lib/agent";
import { MAX_ANALYSED_BYTES, countFindings, type CodeFinding } from "@/lib/security";
import { analyseCode } from "@/lib/security/analyse-code";

const fn = (text: string) => ({ path: "functions/f.ts", text });
const component = (text: string) => ({ path: "components/C.tsx", text });
const rulesOf = (findings: CodeFinding[]) => findings.map((f) => f.rule);
const rules = (file: { path: string; text: string }) => rulesOf(analyseCode([file]));

describe("analyseCode", () => {
  it("reports eval of a computed text and of a literal as high, with a plain message", () => {
    const [finding] = analyseCode([fn(`export default async (req: any) => {\n  return eval(req.query.x);\n};\n`)]);
    expect(finding).toMatchObject({ path: "functions/f.ts", line: 2, column: 10, endLine: 2, rule: "security/detect-eval-with-expression", severity: "high" });
    expect(finding?.message).toMatch(/JSON\.parse/);
    expect(rules(fn(`export default () => eval("1 + 1");`))).toEqual(["myco/no-eval"]);
    expect(rules(fn(`export default () => globalThis.eval("1");`))).toEqual(["myco/no-eval"]);
    expect(rules(fn(`const evaluate = (x: number) => x * 2;\nexport default () => evaluate(2);`))).toEqual([]);
  });

  it("reports eval and Function reached indirectly, not property names or types that share their names", () => {
    for (const code of [
      "const e = eval; export default (x: string) => e(x);",
      "export default (x: string) => (0, eval)(x);",
      'export default (x: string) => globalThis["ev" + "al"](x);',
      'export default (x: string) => setTimeout("go(" + x + ")", 1);',
      "export default (x: string) => [].constructor.constructor(x)();",
    ]) expect(rules(fn(code)), code).toContain("myco/no-indirect-code");
    for (const code of [
      "export default () => setTimeout(() => 1, 5);",
      "const o = { eval: 1, Function: 2 }; export default () => o.eval + o.Function;",
      'export default () => globalThis["fetch"];',
      "export default (cb: Function, x: { constructor: unknown }) => [cb, x.constructor];",
    ]) expect(rules(fn(code)), code).toEqual([]);
  });

  it("reports the Function constructor, with or without new, and not other constructors", () => {
    expect(rules(fn(`export default () => new Function("a", "return a")(1);`))).toEqual(["myco/no-new-function"]);
    expect(rules(fn(`export default () => Function("return 1")();`))).toEqual(["myco/no-new-function"]);
    expect(rules(fn(`export default () => new Map([["a", 1]]);`))).toEqual([]);
  });

  it("reports import() and require() of computed names as medium, not of fixed names", () => {
    const dynamic = analyseCode([fn(`export default async (req: any) => import(req.body.mod);`)]);
    expect(dynamic.map((f) => [f.rule, f.severity])).toEqual([["myco/no-dynamic-import", "medium"]]);
    expect(rules(fn(`declare const require: any;\nexport default (name: string) => require(name);`))).toEqual(["security/detect-non-literal-require"]);
    expect(rules(fn(`export default async () => import("./helpers");`))).toEqual([]);
  });

  it("reports keys pasted into code by their shape, and random strings named like secrets", () => {
    const shapes = [
      `"sk-proj-${"a1B2c3D4".repeat(4)}"`, `"AKIA${"ABCDEFGH23456789"}"`, `"ghp_${"x".repeat(36)}"`, `"github_pat_${"A1_".repeat(20)}"`,
      `"xoxb-1234567890-abcdefghij"`, `"-----BEGIN RSA PRIVATE KEY-----\\nMIIE..."`, `"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"`,
    ];
    for (const shape of shapes) expect(rules(fn(`const x = ${shape};\nexport default () => x;`)), shape).toEqual(["myco/no-hardcoded-secret"]);
    expect(rules(fn(`const apiKey = "Zx8kQ2mN7pL4vR9tY3wB6cH1";\nexport default () => apiKey;`))).toEqual(["myco/no-hardcoded-secret"]);
    expect(rules(fn(`const cfg = { password: "q9W!e2R#t5Y^u8I*" };\nexport default () => cfg;`))).toEqual(["myco/no-hardcoded-secret"]);
    expect(analyseCode([fn(`const token = \`ghp_${"y".repeat(36)}\`;\nexport default () => token;`)])[0]?.severity).toBe("high");
    // Ordinary text, short values and secrets read from the environment are fine.
    expect(rules(fn(`const tokenLabel = "Your access token";\nconst key = "id";\nconst sk = "sk-short";\nexport default (req: any, ctx: any) => [tokenLabel, key, sk, ctx.env.API_KEY];`))).toEqual([]);
  });

  it("reports SQL built from request values or parameters with + or ${}, not SQL with parameters or quoted identifiers", () => {
    const concatenated = `export default async (req: any, ctx: any) => ctx.db.query("SELECT * FROM t WHERE name = '" + req.query.name + "'");`;
    expect(analyseCode([fn(concatenated)]).map((f) => [f.rule, f.severity])).toEqual([["myco/no-sql-concatenation", "high"]]);
    expect(rules(fn(`export default async (req: any, ctx: any) => {\n  const id = req.body.id;\n  const sql = \`DELETE FROM t WHERE id = \${id}\`;\n  return ctx.db.exec(sql);\n};`))).toEqual(["myco/no-sql-concatenation"]);
    expect(rules(fn(`async function find(db: any, name: string) {\n  return db.query("SELECT * FROM t WHERE name = '" + name + "'");\n}\nexport default (req: any, ctx: any) => find(ctx.db, req.query.name);`))).toEqual(["myco/no-sql-concatenation"]);
    expect(rules(fn(`export default async (req: any, ctx: any) => ctx.db.query("SELECT * FROM t WHERE name = ?", [req.query.name]);`))).toEqual([]);
    const quoted = `const q = (n: string) => '"' + n.replaceAll('"', '""') + '"';\nconst TABLE = "notes";\nconst COLUMNS = ["a", "b"];\nexport default async (req: any, ctx: any) => ctx.db.query("SELECT " + COLUMNS.map(q).join(", ") + " FROM " + q(TABLE) + " WHERE id = ?", [req.query.id]);`;
    expect(rules(fn(quoted))).toEqual([]);
  });

  it("reports dangerouslySetInnerHTML and innerHTML with data, not with fixed or sanitised markup (TSX)", () => {
    const prop = analyseCode([component(`export default function C({ html }: { html: string }) {\n  return <div dangerouslySetInnerHTML={{ __html: html }} />;\n}`)]);
    expect(prop.map((f) => [f.rule, f.severity, f.line])).toEqual([["myco/no-unsafe-inner-html", "high", 2]]);
    expect(rules(component(`export default function C(props: { markup: { __html: string } }) {\n  return <div dangerouslySetInnerHTML={props.markup} />;\n}`))).toEqual(["myco/no-unsafe-inner-html"]);
    expect(rules(component(`export default function C() {\n  return <div dangerouslySetInnerHTML={{ __html: "<b>fixed</b>" }} />;\n}`))).toEqual([]);
    expect(rules(component(`declare const DOMPurify: any;\nexport default function C({ html }: { html: string }) {\n  return <div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(html) }} />;\n}`))).toEqual([]);
    expect(rules(component(`export function show(el: HTMLElement, text: string) {\n  el.innerHTML = text;\n}`))).toEqual(["no-unsanitized/property"]);
    expect(rules(component(`export function show(el: HTMLElement, text: string) {\n  el.insertAdjacentHTML("beforeend", text);\n}`))).toEqual(["no-unsanitized/method"]);
    expect(rules(component(`export function show(el: HTMLElement, text: string) {\n  el.textContent = text;\n}`))).toEqual([]);
  });

  it("reports loops with no way out and loops bounded by the request as medium, not loops that end", () => {
    const forever = analyseCode([fn(`export default () => {\n  for (;;) {}\n};`)]);
    expect(forever.map((f) => [f.rule, f.severity])).toEqual([["myco/no-unbounded-loop", "medium"]]);
    expect(rules(fn(`export default () => {\n  while (true) {\n    for (const x of [1]) { if (x) break; }\n  }\n};`))).toEqual(["myco/no-unbounded-loop"]);
    expect(rules(fn(`export default (req: any) => {\n  const n = Number(req.query.count);\n  let s = 0;\n  for (let i = 0; i < n; i++) s += i;\n  return s;\n};`))).toEqual(["myco/no-unbounded-loop"]);
    expect(rules(fn(`export default (req: any) => {\n  let i = 0;\n  while (i < req.body.n) i++;\n  return i;\n};`))).toEqual(["myco/no-unbounded-loop"]);
    expect(rules(fn(`export default (req: any) => {\n  const n = Math.min(Number(req.query.count), 100);\n  for (let i = 0; i < n; i++) {}\n};`))).toEqual([]);
    expect(rules(fn(`export default async (ctx: any) => {\n  while (true) {\n    const rows = await ctx.db.query("SELECT 1");\n    if (rows.length === 0) break;\n  }\n  for (let i = 0; i < 10; i++) {}\n  do { return 1; } while (true);\n};`))).toEqual([]);
  });

  it("keeps the low-severity plugin rules low, and ignores eslint-disable comments in tenant code", () => {
    const regexp = analyseCode([fn(`export default (req: any) => new RegExp(req.query.pattern);`)]);
    expect(regexp.map((f) => [f.rule, f.severity])).toEqual([["security/detect-non-literal-regexp", "low"]]);
    expect(rules(fn(`// eslint-disable-next-line\nexport default () => eval("1");`))).toEqual(["myco/no-eval"]);
    expect(rules(fn(`export default (o: Record<string, number>, k: string) => o[k];`))).toEqual([]);
  });

  it("reports code it cannot parse as not analysed (high, at the parse error), never as clean, and never throws", () => {
    const findings = analyseCode([component(`export default function C( {\n  return <div`), fn(`const = ;`), fn("")]);
    expect(findings.map((f) => [f.path, f.rule, f.severity, f.line])).toEqual([
      ["components/C.tsx", "myco/not-analysed", "high", 2],
      ["functions/f.ts", "myco/not-analysed", "high", 1],
    ]);
    expect(findings[0]?.message).toMatch(/could not be parsed for security analysis \(.+\)/);
  });

  it("reports nothing for the apps the offline planner writes (every starter and example, and a CRM with a chart)", () => {
    const crm = "a CRM with companies, contacts (name, email, company) and deals (title, amount, stage: lead/won/lost, contact) with a chart of deals by stage";
    for (const request of [...STARTERS.map((s) => s.prompt), ...EXAMPLES, crm]) {
      const plan = planApp(parseRequest(request));
      const files = [...plan.functions.map((f) => fn(f.code)).map((f, i) => ({ ...f, path: `functions/f${i}.ts` })), ...plan.components.map((c) => component(c.code))];
      expect(files.length).toBeGreaterThan(0);
      expect(analyseCode(files), request).toEqual([]);
    }
  });

  it("sorts findings by path and line, counts them, and answers the same text from its cache", () => {
    const files = [fn(`export default () => eval("2");`), component(`export default () => { for (;;) {} };`)];
    const first = analyseCode(files);
    expect(first.map((f) => f.path)).toEqual(["components/C.tsx", "functions/f.ts"]);
    expect(countFindings(first)).toEqual({ high: 1, medium: 1, low: 0 });
    expect(analyseCode(files)).toEqual(first);
  });

  // Within vitest's default time limit (30 s here): the parse is most of it, a few seconds on a busy 2-core machine.
  it("analyses a file up to 256 KB, and reports a larger or non-text file as not analysed (high) rather than passing it", () => {
    const line = `export const value_${"x".repeat(10)} = [1, 2, 3].map((n) => n * 2);\n`;
    const padding = (bytes: number) => {
      const lines: string[] = [];
      for (let size = 0, i = 0; size < bytes - 100; i++) {
        lines.push(line.replace("value_", `value_${i}_`));
        size += lines.at(-1)?.length ?? 0;
      }
      return lines.join("");
    };
    const tail = `export default () => eval("1");\n`;
    const fits = padding(MAX_ANALYSED_BYTES - 1024) + tail;
    expect(analyseCode([fn(fits)]).map((f) => f.rule)).toEqual(["myco/no-eval"]);
    const tooLarge = analyseCode([fn(padding(MAX_ANALYSED_BYTES + 1024) + tail)]);
    expect(tooLarge.map((f) => [f.rule, f.severity])).toEqual([["myco/not-analysed", "high"]]);
    expect(analyseCode([{ path: "functions/bin.ts", text: null }]).map((f) => [f.path, f.rule, f.severity])).toEqual([["functions/bin.ts", "myco/not-analysed", "high"]]);
  });
});
