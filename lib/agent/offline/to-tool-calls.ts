// A plan as the tool calls a model would have made, so the agent loop runs offline builds through
// the same tools (and the same validation) as model-driven ones.
import type { AppPlan } from "./plan-app";

/** One tool call: the tool's name and its JSON arguments. */
export type PlannedToolCall = { name: string; arguments: Record<string, unknown> };

/** change_db_schema, then write_function per function, write_component per component, delete_file per deleted file, then update_blueprint. */
export function toToolCalls(plan: AppPlan): PlannedToolCall[] {
  // Dropping a column or table is only ever planned because the person asked for that removal by name.
  const destructive = plan.migration.operations.some((o) => o.op === "drop_column" || o.op === "drop_table");
  const schema = plan.migration.operations.length > 0
    ? [{ name: "change_db_schema", arguments: { name: plan.migration.name, operations: plan.migration.operations, ...(destructive ? { confirmDestructive: true } : {}) } }]
    : [];
  return [
    ...schema,
    ...plan.functions.map((f) => ({ name: "write_function", arguments: { name: f.name, code: f.code } })),
    ...plan.components.map((c) => ({ name: "write_component", arguments: { name: c.name, code: c.code } })),
    ...(plan.deletes ?? []).map((path) => ({ name: "delete_file", arguments: { path } })),
    { name: "update_blueprint", arguments: { blueprint: plan.blueprint } },
  ];
}
