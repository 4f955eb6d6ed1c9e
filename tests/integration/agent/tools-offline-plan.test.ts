import { afterAll, describe, expect, it } from "vitest";
import { parseRequest, planApp, toToolCalls } from "@/lib/agent";
import { shutdownRuntime } from "@/lib/functions";
import { toolRun } from "./tools-support";

afterAll(() => shutdownRuntime());

describe("the offline planner's tool calls", () => {
  it("run through the project tools and build a working app", async () => {
    const t = await toolRun("ToolsOffline");
    const calls = toToolCalls(planApp(parseRequest("a todo app with title, due date and priority")));
    expect(calls.map((c) => c.name)).toEqual(["change_db_schema", "write_function", "update_blueprint"]);
    for (const call of calls) {
      const outcome = await t.call(call.name, call.arguments);
      expect(outcome.ok, `${call.name}: ${outcome.content}`).toBe(true);
      expect(outcome.content).not.toMatch(/"ok":false/);
    }
    const created = await t.ok<{ ok: boolean; status: number }>("invoke_function", { name: "todos", method: "POST", body: { title: "Buy milk" } });
    expect(created).toMatchObject({ ok: true, status: 201 });
    expect(await t.ok("run_query", { sql: "SELECT title FROM todos" })).toMatchObject({ rows: [["Buy milk"]] });
    expect((await t.call("read_preview_errors")).content).toMatch(/^No errors/);
    expect([...t.session.changedPaths].sort()).toEqual(["app.json", "db/migrations/0001_create_todos.sql", "functions/todos.ts"]);
  }, 120_000);

  it("write the chart component a workout log asks for, which builds", async () => {
    const t = await toolRun("ToolsOfflineChart");
    const calls = toToolCalls(planApp(parseRequest("log workouts with date and weight, and see a chart of weight over time")));
    expect(calls.map((c) => c.name)).toContain("write_component");
    for (const call of calls) {
      const outcome = await t.call(call.name, call.arguments);
      expect(outcome.ok, `${call.name}: ${outcome.content}`).toBe(true);
      expect(outcome.content).not.toMatch(/"ok":false/);
    }
    expect(t.session.changedPaths.has("components/WorkoutWeightChart.tsx")).toBe(true);
  }, 120_000);
});
