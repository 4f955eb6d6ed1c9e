// The app.json of a spec: "/" opens on the main record type's list, every page has a nav row, each
// record type has a list page (search, sortable columns, filters, paging, a "New" modal, Edit in a modal
// prefilled from the row, Delete), parents have a page per row listing their children, relation fields
// are pickers of the parent's rows, and a dashboard of stats when asked for.
import type { AppSpec, EntitySpec, FieldSpec } from "./app-spec";
import { labelFieldOf } from "./label-field";
import { kebabCase, pascalCase } from "./words";

type Json = Record<string, unknown>;
type FieldInput = "text" | "number" | "date" | "datetime" | "email" | "url" | "checkbox" | "select" | "textarea";

const FORMATS: Record<FieldSpec["type"], string> = {
  text: "text", email: "text", url: "text", enum: "text", integer: "number", real: "number", money: "currency",
  boolean: "boolean", date: "date", datetime: "date",
};
const INPUTS: Record<FieldSpec["type"], FieldInput> = {
  text: "text", email: "email", url: "url", enum: "select", integer: "number", real: "number", money: "number",
  boolean: "checkbox", date: "date", datetime: "datetime",
};
const LONG_TEXT = /(?:notes|description|body|instructions|details|content|summary|bio|comment|comments|work_done|reason)$/;
const PLACEHOLDERS: Partial<Record<FieldSpec["type"], string>> = { email: "name@example.com", url: "https://example.com" };
const PAGE_SIZE = 25;
const MAX_COLUMNS = 20;
const MAX_FILTERS = 5;

/** The component name of the chart, e.g. "WorkoutWeightChart". */
export function chartComponentName(entity: string, field: string): string {
  return `${pascalCase(entity)}${pascalCase(field)}Chart`;
}

const words = (table: string) => table.replaceAll("_", " ");
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const lower = (entity: EntitySpec) => entity.label.toLowerCase();
const tableId = (entity: EntitySpec) => `${kebabCase(entity.table)}-table`;

/** The list page's path: the main record type lives at "/". */
export function listPath(spec: AppSpec, entity: EntitySpec): string {
  return entity.name === mainEntity(spec)?.name ? "/" : `/${kebabCase(entity.table)}`;
}

/** The record type the app opens on: the first named that is not only a link between two others. */
export function mainEntity(spec: AppSpec): EntitySpec | undefined {
  return spec.entities.find((e) => e.name === spec.main) ?? spec.entities.find((e) => e.relations.length < 2) ?? spec.entities[0];
}

const parentOf = (spec: AppSpec, entity: EntitySpec, field: string) => spec.entities.find((e) => e.name === entity.relations.find((r) => r.field === field)?.entity);
const childrenOf = (spec: AppSpec, entity: EntitySpec) => spec.entities.filter((e) => e.relations.some((r) => r.entity === entity.name));

function formField(spec: AppSpec, entity: EntitySpec, field: FieldSpec, fixed?: { field: string; value: string }): Json {
  if (fixed?.field === field.name) return { name: field.name, label: field.label, input: "hidden", default: fixed.value };
  const parent = parentOf(spec, entity, field.name);
  if (parent) {
    return { name: field.name, label: field.label, input: "select", required: field.required, optionsFrom: { function: parent.table, value: "id", label: labelFieldOf(parent) } };
  }
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

const argsOf = (entity: EntitySpec) => Object.fromEntries(entity.fields.map((f) => [f.name, `{{form.${f.name}}}`]));

function addModal(spec: AppSpec, entity: EntitySpec, fixed?: { field: string; value: string }): Json {
  const form = {
    id: `add-${kebabCase(entity.name)}`,
    type: "form",
    submitText: `Add ${lower(entity)}`,
    fields: entity.fields.map((f) => formField(spec, entity, f, fixed)),
    onSubmit: [
      { action: "call", function: entity.table, method: "POST", args: argsOf(entity) },
      { action: "refresh", target: tableId(entity) },
      { action: "close" },
      { action: "message", text: `Added ${lower(entity)} #{{result.id}}`, tone: "success" },
    ],
  };
  return { id: `new-${kebabCase(entity.name)}`, type: "modal", title: `New ${lower(entity)}`, trigger: `New ${lower(entity)}`, children: [form] };
}

function editForm(spec: AppSpec, entity: EntitySpec, id: string, after: Json[]): Json {
  return {
    id: `edit-${kebabCase(entity.name)}`,
    type: "form",
    submitText: "Save",
    reset: false,
    data: { function: entity.table, path: id },
    fields: entity.fields.map((f) => formField(spec, entity, f)),
    onSubmit: [{ action: "call", function: entity.table, method: "PUT", path: id, args: argsOf(entity) }, ...after],
  };
}

function filtersOf(spec: AppSpec, entity: EntitySpec, fixed?: string): Json[] {
  return entity.fields.flatMap((f): Json[] => {
    if (f.name === fixed) return [];
    const parent = parentOf(spec, entity, f.name);
    if (parent) return [{ key: f.name, label: f.label, optionsFrom: { function: parent.table, value: "id", label: labelFieldOf(parent) } }];
    if (f.type === "enum") return [{ key: f.name, label: f.label, options: f.options ?? [] }];
    if (f.type === "boolean") return [{ key: f.name, label: f.label, options: [{ value: "1", label: "Yes" }, { value: "0", label: "No" }] }];
    return [];
  }).slice(0, MAX_FILTERS);
}

function tableNode(spec: AppSpec, entity: EntitySpec, fixed?: { field: string; value: string }): Json {
  const id = tableId(entity);
  const columns = entity.fields.filter((f) => f.name !== fixed?.field).slice(0, MAX_COLUMNS).map((f) => {
    const parent = parentOf(spec, entity, f.name);
    return parent ? { key: `${f.name}_label`, label: f.label } : { key: f.name, label: f.label, format: FORMATS[f.type], sortable: true };
  });
  const refresh = { action: "refresh", target: id };
  const edit = {
    text: "Edit",
    modal: { title: `Edit ${lower(entity)}`, children: [editForm(spec, entity, "{{row.id}}", [refresh, { action: "close" }, { action: "message", text: `Saved ${lower(entity)} #{{row.id}}`, tone: "success" }])] },
  };
  const open = childrenOf(spec, entity).length > 0 ? [{ text: "Open", actions: [{ action: "navigate", to: `/${kebabCase(entity.table)}/{{row.id}}` }] }] : [];
  const remove = {
    text: "Delete",
    variant: "danger",
    actions: [{ action: "call", function: entity.table, method: "DELETE", path: "{{row.id}}", confirm: `Delete this ${lower(entity)}?` }, refresh],
  };
  const searchable = entity.fields.some((f) => ["text", "email", "url"].includes(f.type) && !parentOf(spec, entity, f.name));
  const filters = filtersOf(spec, entity, fixed?.field);
  return {
    id,
    type: "table",
    columns,
    data: { function: entity.table, ...(fixed ? { args: { [fixed.field]: fixed.value } } : {}) },
    ...(searchable ? { search: { placeholder: `Search ${words(entity.table)}` } } : {}),
    ...(filters.length > 0 ? { filters } : {}),
    pageSize: PAGE_SIZE,
    rowActions: [...open, edit, remove],
    emptyText: `No ${words(entity.table)} yet.`,
  };
}

function navNode(spec: AppSpec): Json {
  const links = spec.entities.map((e) => ({ id: `go-${kebabCase(e.table)}`, type: "link", text: capital(words(e.table)), to: listPath(spec, e) }));
  const dashboard = spec.views.dashboard ? [{ id: "go-dashboard", type: "link", text: "Dashboard", to: "/dashboard" }] : [];
  return { id: "nav", type: "stack", direction: "row", gap: "md", children: [...links, ...dashboard] };
}

function chartNode(spec: AppSpec, entity: EntitySpec): Json[] {
  const chart = spec.views.chart;
  if (!chart || chart.entity !== entity.name) return [];
  const title = `${entity.fields.find((f) => f.name === chart.field)?.label ?? chart.field} over time`;
  return [{ id: "chart", type: "component", name: chartComponentName(chart.entity, chart.field), props: { title } }];
}

function listPage(spec: AppSpec, entity: EntitySpec): Json {
  const title = capital(words(entity.table));
  const children = [
    navNode(spec),
    { id: "title", type: "heading", text: entity.name === mainEntity(spec)?.name ? spec.appName : title, level: 1 },
    addModal(spec, entity),
    ...chartNode(spec, entity),
    tableNode(spec, entity),
  ];
  return { title: entity.name === mainEntity(spec)?.name ? spec.appName : `${spec.appName}: ${words(entity.table)}`, body: { id: "root", type: "stack", children } };
}

// A parent's own page: its fields, editable, and the rows of each child that point at it.
function detailPage(spec: AppSpec, entity: EntitySpec): Json {
  const children = childrenOf(spec, entity).flatMap((child) => {
    const field = child.relations.find((r) => r.entity === entity.name)?.field ?? `${entity.name}_id`;
    const fixed = { field, value: "{{route.id}}" };
    return [
      { id: `${kebabCase(child.table)}-title`, type: "heading", text: capital(words(child.table)), level: 2 },
      addModal(spec, child, fixed),
      tableNode(spec, child, fixed),
    ];
  });
  const saved = { action: "message", text: `Saved ${lower(entity)}`, tone: "success" };
  return {
    title: `${spec.appName}: ${lower(entity)} {{route.id}}`,
    body: {
      id: "root",
      type: "stack",
      children: [
        navNode(spec),
        { id: "back", type: "link", text: `← ${capital(words(entity.table))}`, to: listPath(spec, entity) },
        { id: "title", type: "heading", text: entity.label, level: 1 },
        { id: "details", type: "card", title: "Details", children: [editForm(spec, entity, "{{route.id}}", [saved])] },
        ...children,
      ],
    },
  };
}

function dashboardPage(spec: AppSpec): Json {
  const stats = spec.entities.flatMap((e) => {
    const money = e.fields.find((f) => f.type === "money");
    const count = { id: `${kebabCase(e.table)}-count`, type: "stat", label: capital(words(e.table)), data: { function: e.table, args: { stats: 1 } }, field: "count" };
    if (!money) return [count];
    return [count, { id: `${kebabCase(e.table)}-${kebabCase(money.name)}-total`, type: "stat", label: `Total ${money.label.toLowerCase()}`, data: { function: e.table, args: { stats: 1 } }, field: `sum_${money.name}` }];
  });
  const chart = spec.views.chart;
  const charts = chart ? [{ id: "chart", type: "component", name: chartComponentName(chart.entity, chart.field), props: { title: "Over time" } }] : [];
  const children = [
    navNode(spec),
    { id: "title", type: "heading", text: "Dashboard", level: 1 },
    { id: "stats", type: "grid", columns: Math.min(4, Math.max(1, stats.length)), children: stats.slice(0, 100) },
    ...charts,
  ];
  return { title: `${spec.appName}: dashboard`, body: { id: "root", type: "stack", children } };
}

/** The page id of an entity's list ("home" for the main one) and of its detail page. */
export const listPageId = (spec: AppSpec, entity: EntitySpec) => (entity.name === mainEntity(spec)?.name ? "home" : `p_${entity.table}`);
export const detailPageId = (entity: EntitySpec) => `p_${entity.table}_one`;

/** The blueprint; page ids come from table names, which are unique and match the page id pattern. */
export function planBlueprint(spec: AppSpec): Json {
  const pages: Json = {};
  const routes: { path: string; page: string }[] = [];
  for (const entity of spec.entities) {
    pages[listPageId(spec, entity)] = listPage(spec, entity);
    routes.push({ path: listPath(spec, entity), page: listPageId(spec, entity) });
    if (childrenOf(spec, entity).length > 0) {
      pages[detailPageId(entity)] = detailPage(spec, entity);
      routes.push({ path: `/${kebabCase(entity.table)}/:id`, page: detailPageId(entity) });
    }
  }
  if (spec.views.dashboard) {
    pages.dashboard = dashboardPage(spec);
    routes.push({ path: "/dashboard", page: "dashboard" });
  }
  if (!pages.home) {
    pages.home = { title: spec.appName, body: { id: "root", type: "stack", children: [{ id: "title", type: "heading", text: spec.appName, level: 1 }] } };
    routes.unshift({ path: "/", page: "home" });
  }
  return { version: 1, name: spec.appName, description: "Built offline by Myco from a plain-language request.", routes, pages };
}
