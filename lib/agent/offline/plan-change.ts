// A change to an app the planner already built, as the smallest plan that makes it: only the columns,
// tables, functions and pages that differ are touched; every other field, page and row is kept.
import type { ColumnSpec, MigrationOperation } from "@/lib/tenant-db";
import type { AppSpec, EntitySpec, FieldSpec } from "./app-spec";
import { labelFieldOf } from "./label-field";
import type { AppPlan } from "./plan-app";
import { detailPageId, listPageId, listPath, planBlueprint } from "./plan-blueprint";
import { columnOf, relationIndexes } from "./plan-migration";
import { writeCrudFunction } from "./write-crud-function";
import { kebabCase } from "./words";

type Json = Record<string, unknown>;

/** What a change does besides the spec's own difference: renamed fields, and list pages taken away. */
export type ChangeOptions = {
  renames?: { entity: string; from: string; to: string }[];
  removePages?: string[];
  /** Record types whose pages are planned again although their fields did not change (a new main list). */
  rebuild?: string[];
  notes?: string[];
};

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function migrationOf(old: AppSpec, next: AppSpec, options: ChangeOptions): MigrationOperation[] {
  const tables = new Map(next.entities.map((e) => [e.name, e.table]));
  const ops: MigrationOperation[] = [];
  for (const entity of next.entities) {
    const before = old.entities.find((e) => e.name === entity.name);
    if (!before) {
      const columns: ColumnSpec[] = [{ name: "id", type: "integer", primaryKey: true }, ...entity.fields.map((f) => columnOf(entity, f, tables)), { name: "created_at", type: "datetime" }];
      ops.push({ op: "create_table", table: entity.table, columns }, ...relationIndexes(entity));
      continue;
    }
    for (const r of options.renames ?? []) if (r.entity === entity.name) ops.push({ op: "rename_column", table: entity.table, from: r.from, to: r.to });
    const renamedTo = new Set((options.renames ?? []).filter((r) => r.entity === entity.name).map((r) => r.to));
    const renamedFrom = new Set((options.renames ?? []).filter((r) => r.entity === entity.name).map((r) => r.from));
    for (const field of entity.fields) {
      if (before.fields.some((f) => f.name === field.name) || renamedTo.has(field.name)) continue;
      ops.push({ op: "add_column", table: entity.table, column: { ...columnOf(entity, field, tables), nullable: true } });
    }
    // A relation column keeps its foreign key, which SQLite cannot drop in place: it stays, unused.
    for (const field of before.fields) {
      const kept = entity.fields.some((f) => f.name === field.name) || renamedFrom.has(field.name);
      if (!kept && !before.relations.some((r) => r.field === field.name)) ops.push({ op: "drop_column", table: entity.table, column: field.name });
    }
  }
  for (const entity of old.entities) if (!next.entities.some((e) => e.name === entity.name)) ops.push({ op: "drop_table", table: entity.table });
  return ops;
}

// An entity's function changes with its fields and relations, or with a parent's label field.
function changedEntities(old: AppSpec, next: AppSpec): EntitySpec[] {
  return next.entities.filter((entity) => {
    const before = old.entities.find((e) => e.name === entity.name);
    if (!before || !same(before.fields, entity.fields) || !same(before.relations, entity.relations)) return true;
    return entity.relations.some((r) => {
      const [a, b] = [old, next].map((s) => s.entities.find((e) => e.name === r.entity));
      return !a || !b || labelFieldOf(a) !== labelFieldOf(b);
    });
  });
}

function nodesOf(node: unknown, visit: (node: Json) => void): void {
  if (!isObject(node)) return;
  visit(node);
  for (const child of Array.isArray(node.children) ? node.children : []) nodesOf(child, visit);
}

// Pages are replaced only for the entities that changed (their list page, their own page, and their
// parents' pages, which list them); the nav row of every page follows the routes that remain.
function blueprintOf(existing: Json | null, old: AppSpec, next: AppSpec, changed: EntitySpec[], options: ChangeOptions, removed: EntitySpec[]): Json {
  const planned = planBlueprint(next);
  if (!existing || !isObject(existing.pages) || !Array.isArray(existing.routes)) return planned;
  const plannedPages = planned.pages as Json;
  const pages: Json = { ...existing.pages };
  let routes = [...existing.routes].filter(isObject);
  const touched = new Set<string>();
  const rebuilt = next.entities.filter((e) => options.rebuild?.includes(e.name) && !changed.includes(e));
  for (const entity of [...changed, ...rebuilt]) {
    touched.add(listPageId(next, entity));
    // The list page it had, when another record type now opens the app.
    if (old.entities.some((e) => e.name === entity.name)) touched.add(listPageId(old, entity));
    touched.add(detailPageId(entity));
  }
  // A parent lists its children (its own page) and opens them (its list's Open button): when a child
  // changes, comes or goes, the parent's pages are planned again.
  for (const entity of [...changed, ...removed]) {
    const before = old.entities.find((e) => e.name === entity.name);
    for (const r of [...entity.relations, ...(before?.relations ?? [])]) {
      const parent = next.entities.find((e) => e.name === r.entity);
      if (parent) touched.add(detailPageId(parent)).add(listPageId(next, parent));
    }
  }
  const gone = new Set<string>([...removed.flatMap((e) => [`p_${e.table}`, detailPageId(e)]), ...(options.removePages ?? [])]);
  for (const id of touched) {
    if (gone.has(id)) continue;
    if (!plannedPages[id]) {
      gone.add(id);
      continue;
    }
    pages[id] = plannedPages[id];
    const plannedRoutes = (planned.routes as Json[]).filter((r) => r.page === id);
    routes = [...routes.filter((r) => r.page !== id && !plannedRoutes.some((p) => p.path === r.path)), ...plannedRoutes];
  }
  for (const id of gone) {
    if (id === "home") continue;
    delete pages[id];
    routes = routes.filter((r) => r.page !== id);
  }
  const paths = new Set(routes.map((r) => String(r.path)));
  const nav = next.entities.filter((e) => paths.has(listPath(next, e))).map((e) => ({ id: `go-${kebabCase(e.table)}`, type: "link", text: e.table.replaceAll("_", " ").replace(/^./, (c) => c.toUpperCase()), to: listPath(next, e) }));
  const dashboard = paths.has("/dashboard") ? [{ id: "go-dashboard", type: "link", text: "Dashboard", to: "/dashboard" }] : [];
  for (const page of Object.values(pages)) {
    if (!isObject(page)) continue;
    nodesOf(page.body, (node) => {
      if (node.id === "nav" && Array.isArray(node.children)) node.children = [...nav, ...dashboard];
      // Links to a page that is gone would lead nowhere.
      if (Array.isArray(node.children)) node.children = node.children.filter((c) => !(isObject(c) && c.type === "link" && typeof c.to === "string" && c.to.startsWith("/") && !routeExists(c.to, paths)));
    });
  }
  return { ...existing, routes, pages: structuredClone(pages) };
}

function routeExists(to: string, paths: Set<string>): boolean {
  const path = to.split("?")[0] ?? to;
  return [...paths].some((p) => new RegExp(`^${p.split("/").map((s) => (s.startsWith(":") ? "[^/]+" : s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))).join("/")}$`).test(path));
}

/** The plan from the app as it is (`old`, `existing` blueprint) to `next`. */
export function planChange(old: AppSpec, next: AppSpec, existing: Json | null, options: ChangeOptions, summary: string): AppPlan {
  const operations = migrationOf(old, next, options);
  const changed = changedEntities(old, next);
  const removed = old.entities.filter((e) => !next.entities.some((n) => n.name === e.name));
  return {
    migration: { name: migrationName(next, operations), operations },
    functions: changed.map((e) => ({ name: e.table, code: writeCrudFunction(e, next) })),
    components: [],
    deletes: removed.map((e) => `functions/${e.table}.ts`),
    blueprint: blueprintOf(existing, old, next, changed, options, removed),
    summary: [summary, ...(options.notes ?? [])].join("\n"),
  };
}

function migrationName(next: AppSpec, operations: MigrationOperation[]): string {
  const first = operations[0];
  if (!first) return "no_change";
  const table = "table" in first ? first.table : next.entities[0]?.table ?? "app";
  return `${first.op}_${table}`.slice(0, 60);
}

/** A field of `entity` by name, or by its label's words ("due date" finds due_date). */
export function findField(entity: EntitySpec, words: string): FieldSpec | undefined {
  const name = words.trim().replace(/\s+/g, "_");
  return entity.fields.find((f) => f.name === name || f.name === `${name}_id` || f.label.toLowerCase() === words.trim());
}
