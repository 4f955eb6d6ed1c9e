// A plan made for an empty project, fitted to the project as it is: tables that exist get only their
// missing columns, and an app that already has pages keeps them, with the new pages linked from home.
import type { MigrationOperation } from "@/lib/tenant-db";
import type { AppPlan } from "./plan-app";

type Json = Record<string, unknown>;

/** What the planner knows about the project: its tables and their columns, its files, its blueprint. */
export type ProjectState = { tables: Map<string, Set<string>>; files: Set<string>; blueprint: Json | null };

/** Tables and files from the manifest in the system prompt (see lib/agent/run/manifest.ts). */
export function readManifest(system: string): Pick<ProjectState, "tables" | "files"> {
  const tables = new Map<string, Set<string>>();
  const files = new Set<string>();
  let section = "";
  for (const line of system.split("\n")) {
    if (!line.startsWith("  ")) section = line;
    else if (section === "Files:") files.add(line.trim());
    else if (section === "Database tables:") {
      const match = /^ {2}(\w+) \(\d+ rows\): ([^;]*)/.exec(line);
      if (match?.[1]) tables.set(match[1], new Set((match[2] ?? "").split(", ").map((c) => c.split(" ")[0] ?? "")));
    }
  }
  return { tables, files };
}

function fitOperations(operations: MigrationOperation[], tables: ProjectState["tables"]): MigrationOperation[] {
  return operations.flatMap((op): MigrationOperation[] => {
    if (op.op !== "create_table") return [op];
    const existing = tables.get(op.table);
    if (!existing) return [op];
    // Columns added to existing rows must be nullable, and cannot be keys.
    return op.columns
      .filter((c) => !existing.has(c.name) && !c.primaryKey)
      .map((c) => ({ op: "add_column", table: op.table, column: { ...c, nullable: true, unique: false } }));
  });
}

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

function childrenOf(node: unknown): unknown[] | null {
  return isObject(node) && Array.isArray(node.children) ? node.children : null;
}

function findNode(node: unknown, id: string): Json | null {
  if (!isObject(node)) return null;
  if (node.id === id) return node;
  for (const child of childrenOf(node) ?? []) {
    const found = findNode(child, id);
    if (found) return found;
  }
  return null;
}

function mergeBlueprint(existing: Json | null, planned: Json): Json {
  const pages = isObject(existing?.pages) ? existing.pages : {};
  // A project with only its home page has no app to keep yet.
  if (!existing || Object.keys(pages).length <= 1 || !Array.isArray(existing.routes)) return planned;
  const plannedPages = planned.pages as Json;
  const routes = [...existing.routes];
  for (const route of planned.routes as { path: string }[]) {
    if (!routes.some((r) => isObject(r) && r.path === route.path)) routes.push(route);
  }
  const home = structuredClone(pages.home) as Json | undefined;
  const links = findNode(home?.body, "links");
  const plannedLinks = childrenOf(findNode((plannedPages.home as Json | undefined)?.body, "links")) ?? [];
  const linkList = childrenOf(links);
  if (linkList) {
    for (const link of plannedLinks) if (isObject(link) && !linkList.some((l) => isObject(l) && l.id === link.id)) linkList.push(link);
  }
  const { home: _plannedHome, ...newPages } = plannedPages;
  return { ...existing, routes, pages: { ...pages, ...newPages, ...(home ? { home } : {}) } };
}

/** The plan adjusted to the project; the summary says when it extended an existing app. */
export function fitPlanToProject(plan: AppPlan, state: ProjectState): AppPlan {
  const operations = fitOperations(plan.migration.operations, state.tables);
  const extended = operations.some((o) => o.op === "add_column") || plan.migration.operations.length !== operations.length;
  const blueprint = mergeBlueprint(state.blueprint, plan.blueprint);
  const kept = blueprint !== plan.blueprint;
  const name = operations.some((o) => o.op === "create_table") ? plan.migration.name : plan.migration.name.replace(/^create_/, "extend_");
  const notes = [
    extended ? "Tables that already existed got only their missing columns." : "",
    kept ? "The app's existing pages were kept; the new ones are linked from its home page." : "",
  ].filter(Boolean);
  return {
    ...plan,
    migration: { name, operations },
    blueprint,
    summary: [kept ? plan.summary.replace(/^Built "[^"]*" with/, "Added") : plan.summary, ...notes].join("\n"),
  };
}
