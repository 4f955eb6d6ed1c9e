// From an AppSpec to everything the agent's tools would write: the migration, one CRUD function per
// entity, a chart component when asked for, the blueprint, and a summary for the person.
import type { MigrationOperation } from "@/lib/tenant-db";
import type { AppSpec } from "./app-spec";
import { chartComponentName, planBlueprint } from "./plan-blueprint";
import { migrationName, planOperations } from "./plan-migration";
import { writeChartComponent } from "./write-chart-component";
import { writeCrudFunction } from "./write-crud-function";

/** A file the plan writes: a function (functions/<name>.ts) or a component (components/<name>.tsx). */
export type PlannedSource = { name: string; code: string };

/** Everything a build writes, in the order it must be applied. */
export type AppPlan = {
  migration: { name: string; operations: MigrationOperation[] };
  functions: PlannedSource[];
  components: PlannedSource[];
  /** Files to delete (the functions of record types taken away). */
  deletes?: string[];
  blueprint: Record<string, unknown>;
  summary: string;
};

function summarize(spec: AppSpec, components: PlannedSource[]): string {
  if (spec.entities.length === 0) {
    return `Nothing was built: no records or fields were recognised in ${spec.unknown.map((u) => `"${u}"`).join(", ")}. Try e.g. "a todo app with title, due date and priority".`;
  }
  const lines = spec.entities.map((e) => {
    const links = e.relations.map((r) => `, linked to ${r.entity}`).join("");
    return `- ${e.table}: ${e.fields.map((f) => `${f.name} (${f.type})`).join(", ")}${links}`;
  });
  const extras = [
    spec.views.dashboard ? "a dashboard with counts and totals" : "",
    ...components.map((c) => `a chart component (${c.name})`),
  ].filter(Boolean);
  const unknown = spec.unknown.length > 0 ? `\nNot understood, so not built: ${spec.unknown.map((u) => `"${u}"`).join(", ")}.` : "";
  return `Built "${spec.appName}" with a page, a table, a form and a CRUD function for each of:\n${lines.join("\n")}${extras.length ? `\nAlso: ${extras.join(", ")}.` : ""}${unknown}`;
}

/** The plan for a spec; an empty spec plans no migration operations, functions or components. */
export function planApp(spec: AppSpec): AppPlan {
  const chart = spec.views.chart;
  const chartEntity = chart ? spec.entities.find((e) => e.name === chart.entity) : undefined;
  const components = chart && chartEntity ? [{ name: chartComponentName(chart.entity, chart.field), code: writeChartComponent(chart, chartEntity) }] : [];
  return {
    migration: { name: migrationName(spec), operations: planOperations(spec) },
    functions: spec.entities.map((e) => ({ name: e.table, code: writeCrudFunction(e, spec) })),
    components,
    blueprint: planBlueprint(spec),
    summary: summarize(spec, components),
  };
}
