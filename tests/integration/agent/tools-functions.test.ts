import { afterAll, describe, expect, it } from "vitest";
import { shutdownRuntime } from "@/lib/functions";
import { readFile } from "@/lib/workspace";
import { toolRun } from "./tools-support";

afterAll(() => shutdownRuntime());

const notesTable = {
  name: "add_notes",
  operations: [{ op: "create_table", table: "notes", columns: [{ name: "text", type: "text", nullable: false }] }],
};

const BROKEN = `export default async function handler(req, ctx) {
  const rows = await ctx.db.query("SELECT * FROM notes", [];
  return rows;
}
`;

const FIXED = `export default async function handler(req: { method: string; body: { text?: string } }, ctx: any) {
  if (req.method === "POST") {
    console.log("adding", req.body.text);
    const { lastInsertRowid } = await ctx.db.exec("INSERT INTO notes (text) VALUES (?)", [req.body.text]);
    return { status: 201, body: { id: lastInsertRowid } };
  }
  return ctx.db.query("SELECT id, text FROM notes ORDER BY id", []);
}
`;

type Written = { path: string; status: string; build: { ok: boolean; sizeBytes?: number; diagnostics?: string[] } };
type Invoked = { ok: boolean; status: number; body?: string; logs?: string[]; error?: { code: string; message: string } };

describe("the agent's function tools", () => {
  it("keeps a function that does not build, with diagnostics; the fixed one serves data from the tenant database", async () => {
    const t = await toolRun("ToolsFn");
    await t.ok("change_db_schema", notesTable);

    const broken = await t.broken<Written>("write_function", { name: "notes", code: BROKEN });
    expect(broken).toMatchObject({ path: "functions/notes.ts", status: "created", build: { ok: false } });
    expect(broken.build.diagnostics?.[0]).toMatch(/^functions\/notes\.ts:2:\d+: Expected "\)" but found ";"/);
    expect((await readFile(t.scope, "functions/notes.ts")).content).toBe(BROKEN); // the write stays
    expect((await t.call("invoke_function", { name: "notes" })).content).toMatch(/^Error: functions\/notes\.ts:2:/);

    // Written in this run, so known to the model: no read_file is needed to overwrite it.
    const fixed = await t.ok<Written>("write_function", { name: "notes", code: FIXED });
    expect(fixed).toMatchObject({ status: "updated", build: { ok: true, sizeBytes: expect.any(Number) } });

    const created = await t.ok<Invoked>("invoke_function", { name: "notes", method: "POST", body: { text: "first" } });
    expect(created).toMatchObject({ ok: true, status: 201, body: '{"id":1}', logs: ["log: adding first"] });
    const listed = await t.ok<Invoked>("invoke_function", { name: "notes", method: "GET" });
    expect(JSON.parse(listed.body ?? "")).toEqual([{ id: 1, text: "first" }]);
    expect(await t.ok("run_query", { sql: "SELECT count(*) AS n FROM notes" })).toMatchObject({ rows: [[1]] });
    expect([...t.session.changedPaths].sort()).toEqual(["db/migrations/0001_add_notes.sql", "functions/notes.ts"]);
  }, 90_000);

  it("refuses to overwrite an existing function the run has not read", async () => {
    const t = await toolRun("ToolsFnRead");
    const overwrite = await t.call("write_function", { name: "hello", code: "export default () => 1;\n" });
    expect(overwrite.content).toMatch(/^Error: functions\/hello\.ts already exists and was not read in this run/);
    await t.call("read_file", { path: "functions/hello.ts" });
    expect(await t.ok<Written>("write_function", { name: "hello", code: "export default () => 1;\n" })).toMatchObject({ build: { ok: true } });
    expect((await t.call("write_function", { name: "Bad Name", code: "x" })).content).toMatch(/^Error: invalid arguments\..*name/s);
  }, 60_000);

  it("reports a failing invocation with its error code and logs, and read_function_logs shows both runs", async () => {
    const t = await toolRun("ToolsFnLogs");
    await t.ok("write_function", { name: "boom", code: 'export default async function handler() {\n  console.warn("about to fail");\n  throw new Error("kaput");\n}\n' });
    const failed = await t.ok<Invoked>("invoke_function", { name: "boom" });
    expect(failed).toMatchObject({ ok: false, status: 500, error: { code: "runtime_error", message: expect.stringContaining("kaput") }, logs: ["warn: about to fail"] });
    await t.ok<Invoked>("invoke_function", { name: "hello", method: "GET", query: { name: "Ada" } });

    const all = await t.ok<{ function: string; status: number; error?: string; logs?: string[] }[]>("read_function_logs", {});
    expect(all.map((r) => r.function)).toEqual(["hello", "boom"]);
    expect(all[1]).toMatchObject({ status: 500, error: expect.stringMatching(/^runtime_error: .*kaput/), logs: ["warn: about to fail"] });
    const one = await t.ok<unknown[]>("read_function_logs", { name: "hello", limit: 5 });
    expect(one).toEqual([expect.objectContaining({ function: "hello", status: 200, at: expect.any(String), durationMs: expect.any(Number) })]);
    expect((await t.call("read_function_logs", { name: "never" })).content).toBe("No invocations of never yet.");
  }, 60_000);

  it("refuses to drop a column holding data unless confirmed", async () => {
    const t = await toolRun("ToolsFnDestructive");
    await t.ok("change_db_schema", {
      name: "add_items",
      operations: [{ op: "create_table", table: "items", columns: [{ name: "label", type: "text" }, { name: "extra", type: "text" }] }],
    });
    await t.ok("write_function", { name: "items", code: 'export default (req: unknown, ctx: any) => ctx.db.exec("INSERT INTO items (label, extra) VALUES (?, ?)", ["a", "b"]);\n' });
    expect(await t.ok<Invoked>("invoke_function", { name: "items" })).toMatchObject({ ok: true, status: 200 });
    const drop = { name: "drop_extra", operations: [{ op: "drop_column", table: "items", column: "extra" }] };
    const refused = await t.call("change_db_schema", drop);
    expect(refused.ok).toBe(false);
    expect(refused.content).toMatch(/^Error: .*confirm/i);
    const confirmed = await t.ok<{ schema: string }>("change_db_schema", { ...drop, confirmDestructive: true });
    expect(confirmed.schema).toBe("items (1 rows): id INTEGER pk, label TEXT");
  }, 60_000);
});
