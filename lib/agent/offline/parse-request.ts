// The offline planner's reader: a plain-language request in, the app's data model and views out.
// Deterministic heuristics, no model: what it cannot use is reported in `unknown`, never guessed.
import type { AppSpec, ChartSpec, EntitySpec, FieldSpec } from "./app-spec";
import { CHILD_KINDS, defaultFields } from "./entity-defaults";
import { extractViews, normalizeRequest, setAsideParens, splitClauses } from "./normalize-request";
import { readClause, type Draft, type DraftEntity } from "./parse-clause";
import { labelOf, pluralize, snakeCase } from "./words";

// Limits that keep every plan inside the blueprint's and the migration's own limits.
const MAX_ENTITIES = 12;
const MAX_FIELDS = 18;
const MAX_REQUEST_CHARS = 4_000;
const RESERVED_FIELDS = new Set(["id", "created_at"]);
const NUMERIC = new Set<FieldSpec["type"]>(["integer", "real", "money"]);

function relationField(entity: string): FieldSpec {
  return { name: `${entity}_id`, label: `${labelOf(entity)} id`, type: "integer", required: false };
}

// Comments and the like hang off the first other record type when nothing says otherwise.
function linkChildren(draft: Draft): void {
  const names = [...draft.entities.keys()];
  for (const [name, entity] of draft.entities) {
    const parent = names.find((n) => n !== name && !CHILD_KINDS.has(n));
    if (CHILD_KINDS.has(name) && entity.relations.length === 0 && parent) entity.relations.push({ field: `${parent}_id`, entity: parent });
  }
}

function toEntity(name: string, draft: DraftEntity, unknown: string[]): EntitySpec {
  const own = draft.fields.filter((f) => !RESERVED_FIELDS.has(f.name) && !draft.relations.some((r) => r.field === f.name));
  const fields = own.length > 0 ? own : defaultFields(name);
  const kept = fields.slice(0, MAX_FIELDS);
  for (const dropped of fields.slice(MAX_FIELDS)) unknown.push(`${dropped.label} (more than ${MAX_FIELDS} fields on ${name})`);
  const table = pluralize(name);
  return { name, table, label: labelOf(name), fields: [...kept, ...draft.relations.map((r) => relationField(r.entity))], relations: draft.relations };
}

// Parents first, so a table's references always point at a table created before it.
function parentsFirst(entities: EntitySpec[]): EntitySpec[] {
  const depth = (e: EntitySpec, seen: Set<string>): number => {
    if (seen.has(e.name)) return 0;
    const parents = e.relations.map((r) => entities.find((p) => p.name === r.entity)).filter((p): p is EntitySpec => p !== undefined);
    return parents.reduce((d, p) => Math.max(d, 1 + depth(p, new Set([...seen, e.name]))), 0);
  };
  return entities.map((e, i) => ({ e, i, d: depth(e, new Set()) })).sort((a, b) => a.d - b.d || a.i - b.i).map((x) => x.e);
}

function resolveChart(words: string, entities: EntitySpec[], unknown: string[]): ChartSpec | undefined {
  const wanted = snakeCase(words);
  const numeric = (e: EntitySpec) => e.fields.find((f) => NUMERIC.has(f.type) && !f.name.endsWith("_id"));
  for (const e of entities) if (e.fields.some((f) => f.name === wanted && NUMERIC.has(f.type))) return { entity: e.name, field: wanted };
  const named = entities.find((e) => wanted !== "" && (e.name === wanted || e.table === wanted));
  const target = named ?? entities.find((e) => numeric(e) !== undefined);
  const field = target ? numeric(target) : undefined;
  if (target && field) return { entity: target.name, field: field.name };
  unknown.push(`a chart${words ? ` of ${words}` : ""} (no number field to plot)`);
  return undefined;
}

function appNameOf(draft: Draft, entities: EntitySpec[]): string {
  const name = draft.appName?.trim() || (entities[0] ? labelOf(entities[0].table) : "My app");
  return name.slice(0, 60);
}

/** Reads a request such as "a todo app with title, due date and priority" into an AppSpec. */
export function parseRequest(text: string): AppSpec {
  const normal = normalizeRequest(text.slice(0, MAX_REQUEST_CHARS));
  const views = extractViews(normal);
  const { text: rest, parens } = setAsideParens(views.text);
  const draft: Draft = { entities: new Map(), unknown: [], appName: null, parens };
  for (const clause of splitClauses(rest)) readClause(clause, draft);
  linkChildren(draft);
  const unknown = [...draft.unknown];
  const all = [...draft.entities].map(([name, entity]) => toEntity(name, entity, unknown));
  for (const extra of all.slice(MAX_ENTITIES)) unknown.push(`${extra.label} (more than ${MAX_ENTITIES} record types)`);
  const entities = parentsFirst(all.slice(0, MAX_ENTITIES));
  const chart = views.chart !== undefined && entities.length > 0 ? resolveChart(views.chart, entities, unknown) : undefined;
  if (entities.length === 0 && unknown.length === 0) unknown.push(text.trim() === "" ? "(the request is empty)" : text.trim().slice(0, 200));
  return {
    appName: entities.length > 0 ? appNameOf(draft, entities) : "My app",
    entities,
    views: { dashboard: views.dashboard && entities.length > 0, ...(chart ? { chart } : {}) },
    unknown,
  };
}
