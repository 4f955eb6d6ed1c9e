// The app.json of a spec: a home page linking to every entity, a page per entity (table with a Delete
// row action, and a form that adds a row), and a dashboard of stats when asked for.
import type { AppSpec, EntitySpec, FieldSpec } from "./app-spec";
import { kebabCase, pascalCase } from "./words";

type Json = Record<string, unknown>;
type FieldInput = "text" | "number" | "date" | "checkbox" | "select" | "textarea";

const FORMATS: Record<FieldSpec["type"], string> = {
  text: "text", email: "text", url: "text", enum: "text", integer: "number", real: "number", money: "currency",
  boolean: "boolean", date: "date", datetime: "date",
};
const INPUTS: Record<FieldSpec["type"], FieldInput> = {
  text: "text", email: "text", url: "text", enum: "select", integer: "number", real: "number", money: "number",
  boolean: "checkbox", date: "date", datetime: "date",
};
const LONG_TEXT = /(?:notes|description|body|instructions|details|content|summary|bio|comment)$/;
const PLACEHOLDERS: Partial<Record<FieldSpec["type"], string>> = { email: "name@example.com", url: "https://example.com" };

/** The component name of the chart, e.g. "WorkoutWeightChart". */
export function chartComponentName(entity: string, field: string): string {
  return `${pascalCase(entity)}${pascalCase(field)}Chart`;
}

function formField(field: FieldSpec): Json {
  const input: FieldInput = field.type === "text" && LONG_TEXT.test(field.name) ? "textarea" : INPUTS[field.type];
  const placeholder = PLACEHOLDERS[field.type];
  return {
    name: field.name,
    label: field.label,
    input,
    required: field.required,
    ...(input === "select" ? { options: field.options ?? [] } : {}),
    ...(placeholder ? { placeholder } : {}),
  };
}

function tableNode(entity: EntitySpec): Json {
  const id = `${kebabCase(entity.table)}-table`;
  const columns = entity.fields.slice(0, 20).map((f) => ({ key: f.name, label: f.label, format: FORMATS[f.type] }));
  const remove = [
    { action: "call", function: entity.table, method: "DELETE", path: "{{row.id}}", confirm: `Delete this ${entity.label.toLowerCase()}?` },
    { action: "refresh", target: id },
  ];
  return { id, type: "table", columns, data: { function: entity.table }, rowActions: [{ text: "Delete", variant: "danger", actions: remove }], emptyText: `No ${entity.table.replaceAll("_", " ")} yet.` };
}

function formNode(entity: EntitySpec): Json {
  const args = Object.fromEntries(entity.fields.map((f) => [f.name, `{{form.${f.name}}}`]));
  return {
    id: `add-${kebabCase(entity.name)}`,
    type: "form",
    submitText: `Add ${entity.label.toLowerCase()}`,
    fields: entity.fields.map(formField),
    onSubmit: [
      { action: "call", function: entity.table, method: "POST", args },
      { action: "refresh", target: `${kebabCase(entity.table)}-table` },
      { action: "message", text: `Added ${entity.label.toLowerCase()} #{{result.id}}`, tone: "success" },
    ],
  };
}

function chartNode(spec: AppSpec, entity: EntitySpec): Json[] {
  const chart = spec.views.chart;
  if (!chart || chart.entity !== entity.name) return [];
  const title = `${entity.fields.find((f) => f.name === chart.field)?.label ?? chart.field} over time`;
  return [{ id: "chart", type: "component", name: chartComponentName(chart.entity, chart.field), props: { title } }];
}

function entityPage(spec: AppSpec, entity: EntitySpec): Json {
  const title = entity.table.replaceAll("_", " ");
  const children = [
    { id: "home-link", type: "link", text: "← Home", to: "/" },
    { id: "title", type: "heading", text: title.charAt(0).toUpperCase() + title.slice(1), level: 1 },
    ...chartNode(spec, entity),
    tableNode(entity),
    { id: "add-card", type: "card", title: `New ${entity.label.toLowerCase()}`, children: [formNode(entity)] },
  ];
  return { title: `${spec.appName}: ${title}`, body: { id: "root", type: "stack", children } };
}

function dashboardPage(spec: AppSpec): Json {
  const stats = spec.entities.flatMap((e) => {
    const money = e.fields.find((f) => f.type === "money");
    const count = { id: `${kebabCase(e.table)}-count`, type: "stat", label: e.table.replaceAll("_", " "), data: { function: e.table, args: { stats: 1 } }, field: "count" };
    if (!money) return [count];
    return [count, { id: `${kebabCase(e.table)}-${kebabCase(money.name)}-total`, type: "stat", label: `Total ${money.label.toLowerCase()}`, data: { function: e.table, args: { stats: 1 } }, field: `sum_${money.name}` }];
  });
  const chart = spec.views.chart;
  const charts = chart ? [{ id: "chart", type: "component", name: chartComponentName(chart.entity, chart.field), props: { title: "Over time" } }] : [];
  const children = [
    { id: "home-link", type: "link", text: "← Home", to: "/" },
    { id: "title", type: "heading", text: "Dashboard", level: 1 },
    { id: "stats", type: "grid", columns: Math.min(4, Math.max(1, stats.length)), children: stats.slice(0, 100) },
    ...charts,
  ];
  return { title: `${spec.appName}: dashboard`, body: { id: "root", type: "stack", children } };
}

function homePage(spec: AppSpec): Json {
  const links = spec.entities.map((e) => ({ id: `go-${kebabCase(e.table)}`, type: "link", text: e.table.replaceAll("_", " "), to: `/${kebabCase(e.table)}` }));
  const dashboard = spec.views.dashboard ? [{ id: "go-dashboard", type: "link", text: "Dashboard", to: "/dashboard" }] : [];
  const children = [
    { id: "title", type: "heading", text: spec.appName, level: 1 },
    { id: "intro", type: "text", text: "Pick what to look at.", muted: true },
    { id: "links", type: "stack", direction: "row", gap: "md", children: [...links, ...dashboard] },
  ];
  return { title: spec.appName, body: { id: "root", type: "stack", children } };
}

/** The blueprint; page ids are table names, which are unique and match the page id pattern. */
export function planBlueprint(spec: AppSpec): Json {
  const pages: Json = { home: homePage(spec) };
  const routes = [{ path: "/", page: "home" }];
  for (const entity of spec.entities) {
    pages[`p_${entity.table}`] = entityPage(spec, entity);
    routes.push({ path: `/${kebabCase(entity.table)}`, page: `p_${entity.table}` });
  }
  if (spec.views.dashboard) {
    pages.dashboard = dashboardPage(spec);
    routes.push({ path: "/dashboard", page: "dashboard" });
  }
  return { version: 1, name: spec.appName, description: `Built offline by Myco from a plain-language request.`, routes, pages };
}
