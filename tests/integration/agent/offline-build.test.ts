import { afterAll, describe, expect, it } from "vitest";
import { buildAllComponents } from "@/lib/bundler";
import { runFunction, shutdownRuntime } from "@/lib/functions";
import { log } from "@/lib/log";
import { validateBlueprint } from "@/lib/sdui";
import { createMigration } from "@/lib/tenant-db";
import { applyChanges, readFile } from "@/lib/workspace";
import { parseRequest } from "@/lib/agent/offline/parse-request";
import { planApp, type AppPlan } from "@/lib/agent/offline/plan-app";
import { ownerScope } from "@/tests/support/scope";

afterAll(() => shutdownRuntime());

type Scope = Awaited<ReturnType<typeof ownerScope>>;

async function applyPlan(scope: Scope, plan: AppPlan): Promise<void> {
  await createMigration(scope, { name: plan.migration.name, operations: plan.migration.operations, confirmDestructive: false }, log);
  const changes = [
    ...plan.functions.map((f) => ({ op: "write" as const, path: `functions/${f.name}.ts`, content: f.code, encoding: "utf8" as const })),
    ...plan.components.map((c) => ({ op: "write" as const, path: `components/${c.name}.tsx`, content: c.code, encoding: "utf8" as const })),
    { op: "write" as const, path: "app.json", content: JSON.stringify(plan.blueprint, null, 2), encoding: "utf8" as const },
  ];
  await applyChanges(scope, { message: "Offline build", changes }, log);
}

const request = (method: string, path = "/", body: unknown = null, query: Record<string, string> = {}) => ({ method, path, query, headers: {}, body });

describe("an offline build applied through the real modules", () => {
  it("builds a todo app whose function creates, lists, updates and deletes todos", async () => {
    const scope = await ownerScope("Offline");
    const plan = planApp(parseRequest("a todo app with title, due date and priority"));
    await applyPlan(scope, plan);
    const saved = JSON.parse((await readFile(scope, "app.json")).content) as unknown;
    expect(validateBlueprint(saved).ok).toBe(true);

    const run = async (req: ReturnType<typeof request>) => {
      const { result } = await runFunction(scope, "todos", req, "api", log);
      if (!result.ok) throw new Error(result.error.message);
      return result;
    };
    const created = await run(request("POST", "/", { title: "Buy milk", due_date: "2030-01-31", priority: "high" }));
    expect(created).toMatchObject({ status: 201, body: { id: 1, title: "Buy milk", priority: "high" } });
    expect(await run(request("POST", "/", { due_date: "2030-01-31" }))).toMatchObject({ status: 400, body: { error: "Title is required." } });
    expect(await run(request("POST", "/", { title: "x", priority: "urgent" }))).toMatchObject({ status: 400 });
    expect((await run(request("GET"))).body).toEqual([expect.objectContaining({ id: 1, title: "Buy milk", due_date: "2030-01-31", priority: "high" })]);
    expect((await run(request("PATCH", "/1", { priority: "low" }))).body).toMatchObject({ id: 1, title: "Buy milk", priority: "low" });
    expect((await run(request("GET", "/", null, { stats: "1" }))).body).toMatchObject({ count: 1 });
    expect((await run(request("DELETE", "1"))).body).toEqual({ deleted: 1 });
    expect((await run(request("GET"))).body).toEqual([]);
    expect(await run(request("DELETE", "/1"))).toMatchObject({ status: 404 });

    const components = await buildAllComponents(scope, log);
    expect(components.filter((c) => !c.ok)).toEqual([]);
  }, 60_000);

  it("builds the chart component a workout log asks for", async () => {
    const scope = await ownerScope("OfflineChart");
    const plan = planApp(parseRequest("log workouts with date and weight, and see a chart of weight over time"));
    await applyPlan(scope, plan);
    const components = await buildAllComponents(scope, log);
    expect(components.find((c) => c.name === "WorkoutWeightChart")).toMatchObject({ ok: true });
    expect(components.filter((c) => !c.ok)).toEqual([]);
  }, 60_000);

  it("answers lists the way tables browse them: labels of links, search, filters, sorting and cursor pages", async () => {
    const scope = await ownerScope("OfflineBrowse");
    await applyPlan(scope, planApp(parseRequest("a CRM: companies, contacts at companies, and deals linked to a contact with value, close date and stage")));
    const run = async (name: string, req: ReturnType<typeof request>) => {
      const { result } = await runFunction(scope, name, req, "api", log);
      if (!result.ok) throw new Error(result.error.message);
      return result;
    };
    await run("companies", request("POST", "/", { name: "Acme" }));
    await run("contacts", request("POST", "/", { name: "Ada", email: "ada@acme.test", company_id: 1 }));
    const stages = ["lead", "won", "lost", "won", "lead"];
    for (const [i, stage] of stages.entries()) await run("deals", request("POST", "/", { title: `Deal ${i + 1}`, value: (i + 1) * 100, stage, contact_id: i < 3 ? 1 : null }));

    const one = await run("deals", request("GET", "/1"));
    expect(one.body).toMatchObject({ title: "Deal 1", contact_id: 1, contact_id_label: "Ada" });
    expect((await run("contacts", request("GET"))).body).toEqual([expect.objectContaining({ name: "Ada", company_id_label: "Acme" })]);

    const titles = (body: unknown) => (body as { rows: { title: string }[] }).rows.map((r) => r.title);
    expect(titles((await run("deals", request("GET", "/", null, { limit: "10", stage: "won" }))).body)).toEqual(["Deal 2", "Deal 4"]);
    expect(titles((await run("deals", request("GET", "/", null, { limit: "10", q: "deal 5" }))).body)).toEqual(["Deal 5"]);
    expect(titles((await run("deals", request("GET", "/", null, { limit: "10", contact_id: "1" }))).body)).toEqual(["Deal 1", "Deal 2", "Deal 3"]);

    // Pages of two, sorted by value descending, then by contact (rows without one last): every row once.
    for (const [sort, dir, expected] of [["value", "desc", ["Deal 5", "Deal 4", "Deal 3", "Deal 2", "Deal 1"]], ["contact_id", "asc", ["Deal 1", "Deal 2", "Deal 3", "Deal 4", "Deal 5"]]] as const) {
      const seen: string[] = [];
      let cursor = "";
      for (let page = 0; page < 5; page++) {
        const { body } = await run("deals", request("GET", "/", null, { limit: "2", sort, dir, ...(cursor ? { cursor } : {}) }));
        const answer = body as { rows: { title: string }[]; nextCursor: string | null };
        seen.push(...answer.rows.map((r) => r.title));
        if (!answer.nextCursor) break;
        cursor = answer.nextCursor;
      }
      expect(seen).toEqual(expected);
    }

    for (const [query, message] of [[{ sort: "nope" }, /sort must be one of/], [{ limit: "0" }, /limit must be/], [{ limit: "5", cursor: "garbage" }, /cursor is not valid/], [{ stage: "maybe" }, /Stage is not a valid enum/], [{ dir: "up" }, /dir must be/]] as const) {
      expect(await run("deals", request("GET", "/", null, { ...query }))).toMatchObject({ status: 400, body: { error: expect.stringMatching(message) } });
    }
    expect(await run("deals", request("GET", "/", null, { q: "%" }))).toMatchObject({ body: [] });
  }, 60_000);
});
