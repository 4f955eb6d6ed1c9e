import { transform } from "esbuild";
import { describe, expect, it } from "vitest";
import { validateBlueprint } from "@/lib/sdui";
import { MigrationOperations, planOperations, validateMigration } from "@/lib/tenant-db";
import { parseRequest } from "@/lib/agent/offline/parse-request";
import { planApp } from "@/lib/agent/offline/plan-app";
import { toToolCalls } from "@/lib/agent/offline/to-tool-calls";
import { CORPUS } from "./corpus";

describe("planApp over the whole corpus", () => {
  it.each(CORPUS.map(([request]) => request))("plans a valid app for %j", async (request) => {
    const spec = parseRequest(request);
    const plan = planApp(spec);
    const blueprint = validateBlueprint(plan.blueprint);
    expect(blueprint.ok ? [] : blueprint.errors).toEqual([]);
    if (spec.entities.length > 0) {
      expect(MigrationOperations.safeParse(plan.migration.operations).success).toBe(true);
      expect(() => validateMigration(planOperations(plan.migration.operations))).not.toThrow();
      expect(plan.migration.name).toMatch(/^[a-z0-9_]{1,60}$/);
    } else {
      expect(plan.migration.operations).toEqual([]);
      expect(plan.summary).toMatch(/^Nothing was built/);
    }
    for (const fn of plan.functions) await expect(transform(fn.code, { loader: "ts" })).resolves.toBeDefined();
    for (const c of plan.components) await expect(transform(c.code, { loader: "tsx", jsx: "automatic" })).resolves.toBeDefined();
    expect(plan.functions.map((f) => f.name)).toEqual(spec.entities.map((e) => e.table));
  });

  it("adds a chart component only when a chart is asked for, fetching with useFunctionData", () => {
    const plan = planApp(parseRequest("log workouts with date, exercise, sets, reps and weight, and see a chart of weight over time"));
    expect(plan.components.map((c) => c.name)).toEqual(["WorkoutWeightChart"]);
    expect(plan.components[0]?.code).toContain('import { useFunctionData } from "@myco/sdk"');
    expect(plan.components[0]?.code).toContain("export const styles");
    expect(planApp(parseRequest("contacts: name, email")).components).toEqual([]);
  });

  it("keeps SQL parameterised: request text never reaches a statement", () => {
    const plan = planApp(parseRequest(`notes: title, body"; DROP TABLE x; --`));
    for (const fn of plan.functions) expect(fn.code).not.toMatch(/DROP TABLE/);
    expect(JSON.stringify(plan.migration.operations)).not.toMatch(/DROP/);
  });

  it("says in the summary what was built and what was not understood", () => {
    const plan = planApp(parseRequest("a todo app with title that syncs to google calendar"));
    expect(plan.summary).toMatch(/todos: title \(text\)/);
    expect(plan.summary).toMatch(/Not understood.*google calendar/);
  });
});

describe("toToolCalls", () => {
  it("orders schema, functions, components, then the blueprint", () => {
    const plan = planApp(parseRequest("log workouts with date and weight, and a chart of weight"));
    const calls = toToolCalls(plan);
    expect(calls.map((c) => c.name)).toEqual(["change_db_schema", "write_function", "write_component", "update_blueprint"]);
    expect(calls[0]?.arguments).toEqual({ name: plan.migration.name, operations: plan.migration.operations });
    expect(calls[1]?.arguments).toEqual({ name: "workouts", code: plan.functions[0]?.code });
    expect(calls[3]?.arguments).toEqual({ blueprint: plan.blueprint });
  });

  it("skips the schema change when nothing was understood", () => {
    expect(toToolCalls(planApp(parseRequest("asdf"))).map((c) => c.name)).toEqual(["update_blueprint"]);
  });
});
