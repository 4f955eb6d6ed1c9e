import { afterAll, describe, expect, it } from "vitest";
import { offlineProvider, startAgentRun, type RunStreamEvent } from "@/lib/agent";
import { log } from "@/lib/log";
import { runFunction, shutdownRuntime } from "@/lib/functions";
import { getTenantSchema } from "@/lib/tenant-db";
import { readFile } from "@/lib/workspace";
import { validateBlueprint } from "@/lib/sdui";
import { ownerScope } from "@/tests/support/scope";
import type { ProjectScope } from "@/lib/auth";

afterAll(() => shutdownRuntime());

async function ask(scope: ProjectScope, prompt: string): Promise<RunStreamEvent[]> {
  const events: RunStreamEvent[] = [];
  for await (const e of await startAgentRun(scope, { prompt }, { log, signal: new AbortController().signal, provider: offlineProvider() })) events.push(e);
  return events;
}

const calls = (events: RunStreamEvent[]) => events.filter((e) => e.event === "tool_call").map((e) => e.data as { name: string; arguments: string });
const results = (events: RunStreamEvent[]) => events.filter((e) => e.event === "tool_result").map((e) => e.data as { ok: boolean; result: string });
const text = (events: RunStreamEvent[]) => events.filter((e) => e.event === "text").map((e) => (e.data as { delta: string }).delta).join("");

describe("the offline provider on a project that already has an app", () => {
  it("adds a new record type beside the existing one, keeping its pages and data", async () => {
    const scope = await ownerScope("FollowUp");
    await ask(scope, "a todo app with title, due date and priority");
    await runFunction(scope, "todos", { method: "POST", path: "/", query: {}, headers: {}, body: { title: "Keep me" } }, "api", log);

    const events = await ask(scope, "also track notes with a title and a body");
    expect(results(events).every((r) => r.ok), JSON.stringify(results(events))).toBe(true);
    const app = validateBlueprint(JSON.parse((await readFile(scope, "app.json")).content));
    expect(app.ok).toBe(true);
    if (!app.ok) return;
    expect(app.blueprint.routes.map((r) => r.path)).toEqual(expect.arrayContaining(["/", "/todos", "/notes"]));
    expect(JSON.stringify(app.blueprint.pages.home)).toMatch(/"to":"\/todos"[\s\S]*"to":"\/notes"/);
    expect(text(events)).toContain("existing pages were kept");
    expect(text(events)).toMatch(/^Added a page, a table, a form and a CRUD function for each of:\n- notes: title \(text\), body \(text\)/m);
    const todos = await runFunction(scope, "todos", { method: "GET", path: "/", query: {}, headers: {}, body: null }, "api", log);
    expect(JSON.stringify(todos.result)).toContain("Keep me");
  });

  it("extends an existing table with the new fields, reading the function before rewriting it", async () => {
    const scope = await ownerScope("Extend");
    await ask(scope, "a todo app with title, due date and priority");
    const events = await ask(scope, "todos with a title and a tag");
    const names = calls(events).map((c) => c.name);
    expect(names.slice(0, 2)).toEqual(["read_blueprint", "read_file"]);
    expect(JSON.parse(calls(events)[1]?.arguments ?? "{}")).toEqual({ path: "functions/todos.ts" });
    expect(results(events).every((r) => r.ok), JSON.stringify(results(events))).toBe(true);
    const migration = calls(events).find((c) => c.name === "change_db_schema");
    expect(JSON.parse(migration?.arguments ?? "{}")).toMatchObject({ name: "extend_todos", operations: [{ op: "add_column", table: "todos", column: { name: "tag" } }] });
    const table = (await getTenantSchema(scope, "dev")).tables.find((t) => t.name === "todos");
    expect(table?.columns.map((c) => c.name)).toEqual(expect.arrayContaining(["title", "due_date", "priority", "tag"]));
    expect(text(events)).toContain("Tables that already existed got only their missing columns.");
  });
});
