// The app a project already holds, read back as an AppSpec: tables and foreign keys from the manifest,
// field types, labels and choices from the planner's own functions (their FIELDS line is JSON), the
// name, main record type and dashboard from the blueprint.
import type { AppSpec, EntitySpec, FieldSpec, FieldType, RelationSpec } from "./app-spec";
import { labelOf, singularize } from "./words";

type Json = Record<string, unknown>;

/** A table as the manifest lists it: columns with their SQL types, and its foreign keys. */
export type TableState = { columns: { name: string; type: string; notNull: boolean }[]; references: { column: string; table: string }[]; rows: number };

/** What the planner knows about the project: its tables, its files, its blueprint, and sources it read. */
export type ProjectState = { tables: Map<string, TableState>; files: Set<string>; blueprint: Json | null; sources: Map<string, string> };

/** Tables (with column types and foreign keys) and files from the manifest in the system prompt (lib/agent/run/manifest.ts). */
export function readManifest(system: string): Pick<ProjectState, "tables" | "files"> {
  const tables = new Map<string, TableState>();
  const files = new Set<string>();
  let section = "";
  for (const line of system.split("\n")) {
    if (!line.startsWith("  ")) section = line;
    else if (section === "Files:") files.add(line.trim());
    else if (section === "Database tables:") {
      const match = /^ {2}(\w+) \((\d+) rows\): ([^;]*)(?:; references (.*))?$/.exec(line);
      if (!match?.[1]) continue;
      const columns = (match[3] ?? "").split(", ").map((c) => {
        const [name = "", type = ""] = c.split(" ");
        return { name, type: type.toUpperCase(), notNull: c.includes("NOT NULL") };
      });
      const references = (match[4] ?? "").split(", ").flatMap((r) => {
        const ref = /^(\w+) -> (\w+)\(/.exec(r);
        return ref?.[1] && ref[2] ? [{ column: ref[1], table: ref[2] }] : [];
      });
      tables.set(match[1], { columns, references, rows: Number(match[2]) });
    }
  }
  return { tables, files };
}

const SQL_TYPES: [RegExp, FieldType][] = [[/INT/, "integer"], [/REAL|FLOA|DOUB|NUM/, "real"], [/BOOL/, "boolean"], [/DATE|TIME/, "datetime"]];
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

// The planner's functions say `const FIELDS: Field[] = [...]`; other code yields nothing here.
function declaredFields(source: string | undefined): FieldSpec[] | null {
  const line = source ? /^const FIELDS: Field\[\] = (\[.*\]);$/m.exec(source)?.[1] : undefined;
  if (!line) return null;
  try {
    const parsed: unknown = JSON.parse(line);
    return Array.isArray(parsed) ? parsed.filter((f): f is FieldSpec => isObject(f) && typeof f.name === "string" && typeof f.type === "string") : null;
  } catch {
    return null;
  }
}

function entityOf(table: string, state: TableState, source: string | undefined, names: Map<string, string>): EntitySpec {
  const relations: RelationSpec[] = state.references.flatMap((r) => (names.has(r.table) ? [{ field: r.column, entity: names.get(r.table) ?? "" }] : []));
  const declared = declaredFields(source);
  const columns = state.columns.filter((c) => !["id", "created_at"].includes(c.name));
  const fields = columns.map((c): FieldSpec => {
    const known = declared?.find((f) => f.name === c.name);
    if (known) return { name: known.name, label: known.label ?? labelOf(known.name), type: known.type, required: known.required === true, ...(known.options ? { options: known.options } : {}) };
    const relation = relations.find((r) => r.field === c.name);
    const type = SQL_TYPES.find(([pattern]) => pattern.test(c.type))?.[1] ?? "text";
    return { name: c.name, label: relation ? labelOf(relation.entity) : labelOf(c.name), type, required: c.notNull };
  });
  return { name: names.get(table) ?? singularize(table), table, label: labelOf(names.get(table) ?? table), fields, relations };
}

function tablesBound(blueprint: Json | null, page: string): string[] {
  const pages = isObject(blueprint?.pages) ? blueprint.pages : {};
  const found: string[] = [];
  const visit = (node: unknown) => {
    if (!isObject(node)) return;
    if (node.type === "table" && isObject(node.data) && typeof node.data.function === "string") found.push(node.data.function);
    for (const child of Array.isArray(node.children) ? node.children : []) visit(child);
  };
  visit(isObject(pages[page]) ? pages[page].body : null);
  return found;
}

/** The project's app as a spec, or null when it has no tables yet. */
export function readProjectSpec(state: ProjectState): AppSpec | null {
  if (state.tables.size === 0) return null;
  const names = new Map([...state.tables.keys()].map((t) => [t, singularize(t)]));
  const entities = [...state.tables].map(([table, t]) => entityOf(table, t, state.sources.get(`functions/${table}.ts`), names));
  const pages = isObject(state.blueprint?.pages) ? state.blueprint.pages : {};
  const main = tablesBound(state.blueprint, "home").map((t) => names.get(t)).find((n) => n !== undefined);
  return {
    appName: typeof state.blueprint?.name === "string" ? state.blueprint.name : entities[0]?.label ?? "My app",
    ...(main ? { main } : {}),
    entities,
    views: { dashboard: "dashboard" in pages },
    unknown: [],
  };
}
