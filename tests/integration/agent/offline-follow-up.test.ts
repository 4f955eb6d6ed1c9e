// Follow-ups through real agent runs with the offline provider: real git workspaces, real SQLite, real
// esbuild and isolates. Each change must be minimal and keep every other field, page and row.
import { afterAll, describe, expect, it } from "vitest";
import { offlineProvider, startAgentRun, type RunStreamEvent } from "@/lib/agent";
import type { ProjectScope } from "@/lib/auth";
import { runFunction, shutdownRuntime } from "@/lib/functions";
import { log } from "@/lib/log";
import { validateBlueprint } from "@/lib/sdui";
import { getTenantSchema } from "@/lib/tenant-db";
import { listFiles, readFile } from "@/lib/workspace";
import { ownerScope } from "@/tests/support/scope";

afterAll(() => shutdownRuntime());

async function ask(scope: ProjectScope, prompt: string): Promise<RunStreamEvent[]> {
  const events: RunStreamEvent[] = [];
  for await (const e of await startAgentRun(scope, { prompt }, { log, signal: new AbortController().signal, provider: offlineProvider() })) events.push(e);
  return events;
}

const calls = (events: RunStreamEvent[]) => events.filter((e) => e.event === "tool_call").map((e) => e.data as { name: string; arguments: string });
const results = (events: RunStreamEvent[]) => events.filter((e) => e.event === "tool_result").map((e) => e.data as { ok: boolean; result: string });
const text = (events: RunStreamEvent[]) => events.filter((e) => e.event === "text").map((e) => (e.data as { delta: string }).delta).join("");
const reason = (events: RunStreamEvent[]) => (events.find((e) => e.event === "done")?.data as { reason: string } | undefined)?.reason;

async function blueprintOf(scope: ProjectScope) {
  const app = validateBlueprint(JSON.parse((await readFile(scope, "app.json")).content));
  if (!app.ok) throw new Error(JSON.stringify(app.errors));
  return app.blueprint;
}

async function get(scope: ProjectScope, name: string): Promise<unknown> {
  const { result } = await runFunction(scope, name, { method: "GET", path: "/", query: {}, headers: {}, body: null }, "api", log);
  if (!result.ok) throw new Error(result.error.message);
  return result.body;
}
const post = (scope: ProjectScope, name: string, body: unknown) => runFunction(scope, name, { method: "POST", path: "/", query: {}, headers: {}, body }, "api", log);
const columns = async (scope: ProjectScope, table: string) => (await getTenantSchema(scope, "dev")).tables.find((t) => t.name === table)?.columns.map((c) => c.name);

describe("the offline provider on a project that already has an app", () => {
  it("adds a record type beside the existing one, keeping its pages and rows", async () => {
    const scope = await ownerScope("FollowUp");
    await ask(scope, "a todo app with title, due date and priority");
    await post(scope, "todos", { title: "Keep me" });
    const before = await blueprintOf(scope);

    const events = await ask(scope, "also track notes with a title and a body");
    expect(results(events).every((r) => r.ok), JSON.stringify(results(events))).toBe(true);
    expect(reason(events)).toBe("completed");
    const after = await blueprintOf(scope);
    expect(after.routes.map((r) => r.path)).toEqual(expect.arrayContaining(["/", "/notes"]));
    expect(JSON.stringify(after.pages.home)).toContain('"to":"/notes"');
    expect(JSON.stringify(after.pages.home)).toContain('"function":"todos"');
    expect(Object.keys(after.pages)).toEqual(expect.arrayContaining(Object.keys(before.pages)));
    expect(JSON.stringify(await get(scope, "todos"))).toContain("Keep me");
  });

  it("extends a table with a new field, reading the function first and keeping the old fields", async () => {
    const scope = await ownerScope("Extend");
    await ask(scope, "customers and orders; each order belongs to a customer. orders have total, status and order date");
    const events = await ask(scope, "orders with notes");
    const names = calls(events).map((c) => c.name);
    expect(names[0]).toBe("read_blueprint");
    expect(calls(events).filter((c) => c.name === "read_file").map((c) => JSON.parse(c.arguments).path)).toEqual(expect.arrayContaining(["functions/orders.ts", "functions/customers.ts"]));
    expect(results(events).every((r) => r.ok), JSON.stringify(results(events))).toBe(true);
    const migration = calls(events).find((c) => c.name === "change_db_schema");
    expect(JSON.parse(migration?.arguments ?? "{}").operations).toEqual([expect.objectContaining({ op: "add_column", table: "orders", column: expect.objectContaining({ name: "notes" }) })]);
    expect(await columns(scope, "orders")).toEqual(expect.arrayContaining(["total", "status", "order_date", "customer_id", "notes"]));
    const created = await post(scope, "orders", { total: 12.5, status: "paid", order_date: "2026-12-01", notes: "gift wrap" });
    expect(created.result).toMatchObject({ status: 201, body: { total: 12.5, status: "paid", notes: "gift wrap" } });
  });

  it("renames and removes fields, keeping the values of the others", async () => {
    const scope = await ownerScope("Fields");
    await ask(scope, "contacts: name, email, phone and notes");
    await post(scope, "contacts", { name: "Ada", email: "ada@example.com", phone: "123", notes: "first" });

    expect(reason(await ask(scope, "rename notes to details on contacts"))).toBe("completed");
    expect(reason(await ask(scope, "remove the phone field from contacts"))).toBe("completed");
    expect(await columns(scope, "contacts")).toEqual(["id", "name", "email", "details", "created_at"]);
    expect(await get(scope, "contacts")).toEqual([expect.objectContaining({ name: "Ada", email: "ada@example.com", details: "first" })]);
    expect(JSON.stringify(await blueprintOf(scope))).not.toMatch(/"phone"|"notes"/);
  });

  it("removes a page without touching its table, and a record type with its table", async () => {
    const scope = await ownerScope("Remove");
    await ask(scope, "a book club app: members, books, and meetings. each meeting is about one book and has a date and location");
    await post(scope, "members", { name: "Grace" });

    const page = await ask(scope, "delete the members page");
    expect(calls(page).map((c) => c.name)).not.toContain("change_db_schema");
    expect(reason(page)).toBe("completed");
    const app = await blueprintOf(scope);
    expect(app.routes.map((r) => r.path)).not.toContain("/members");
    expect(JSON.stringify(app)).not.toContain('"to":"/members"');
    expect(JSON.stringify(await get(scope, "members"))).toContain("Grace");
    expect((await getTenantSchema(scope, "dev")).tables.map((t) => t.name)).not.toContain("delete_members");

    const entity = await ask(scope, "delete the meetings table");
    expect(reason(entity), JSON.stringify(entity.find((e) => e.event === "done")?.data)).toBe("completed");
    expect((await getTenantSchema(scope, "dev")).tables.map((t) => t.name).sort()).toEqual(["books", "members"]);
    expect((await listFiles(scope)).map((f) => f.path)).not.toContain("functions/meetings.ts");
    expect(JSON.stringify(await blueprintOf(scope))).not.toContain("meetings");
  });

  it("makes a field required, enforced by the function", async () => {
    const scope = await ownerScope("Required");
    await ask(scope, "contacts: name, email, phone");
    expect(reason(await ask(scope, "make email required on contacts"))).toBe("completed");
    expect((await post(scope, "contacts", { name: "No email" })).result).toMatchObject({ status: 400, body: { error: "Email is required." } });
  });

  it("declines what it cannot do, says what it can, and changes nothing", async () => {
    const scope = await ownerScope("Decline");
    await ask(scope, "a todo app with title and done");
    const head = (await listFiles(scope)).length;
    const events = await ask(scope, "make it blue and add google login");
    expect(reason(events)).toBe("declined");
    expect(text(events)).toMatch(/I can add, rename or remove a field/);
    expect(calls(events).filter((c) => !["read_blueprint", "read_file"].includes(c.name))).toEqual([]);
    expect((await listFiles(scope)).length).toBe(head);
  });
});
