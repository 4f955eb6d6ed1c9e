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
});
