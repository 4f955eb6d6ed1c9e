// The offline planner's reader: a plain-language request in, the app's data model and views out.
// Deterministic heuristics, no model: what it cannot use is reported in `unknown`, never guessed.
import type { AppSpec, ChartSpec, EntitySpec, FieldSpec, RelationSpec } from "./app-spec";
import { rewriteChoices } from "./enum-phrases";
import { CHILD_KINDS, defaultFields } from "./entity-defaults";
import { defaultChoices } from "./infer-field";
import { joinFields } from "./relation-phrases";
import { extractViews, normalizeRequest, setAsideParens, splitClauses } from "./normalize-request";
import { readClause, type Draft, type DraftEntity } from "./parse-clause";
import { rephrase } from "./rephrase";
import { labelOf, pluralize, singularize, snakeCase } from "./words";

// Limits that keep every plan inside the blueprint's and the migration's own limits.
const MAX_ENTITIES = 12;
const MAX_FIELDS = 18;
const MAX_REQUEST_CHARS = 4_000;
const RESERVED_FIELDS = new Set(["id", "created_at"]);
const NUMERIC = new Set<FieldSpec["type"]>(["integer", "real", "money"]);

function relationField(relation: RelationSpec): FieldSpec {
  return { name: relation.field, label: labelOf(relation.field.replace(/_id$/, "")), type: "integer", required: false };
}

// Comments and the like hang off the first other record type when nothing says otherwise.
function linkChildren(draft: Draft): void {
  const names = [...draft.entities.keys()];
  for (const [name, entity] of draft.entities) {
    const before = names.slice(0, names.indexOf(name)).reverse();
    const parent = before.find((n) => !CHILD_KINDS.has(n)) ?? names.find((n) => n !== name && !CHILD_KINDS.has(n));
    if (CHILD_KINDS.has(name) && entity.relations.length === 0 && parent) entity.relations.push({ field: `${parent}_id`, entity: parent });
  }
}

// "team members" and "members" are one record type: the longer name gives way to the shorter.
function mergeSuffixes(draft: Draft): void {
  for (const name of [...draft.entities.keys()]) {
    const target = [...draft.entities.keys()].find((other) => other !== name && name.endsWith(`_${other}`));
    const entity = draft.entities.get(name);
    // A join record ("recipe_tag") links to the other; it is not another name for it.
    if (!target || !entity || entity.relations.some((r) => r.entity === target)) continue;
    renameEntity(draft, name, target, entity);
  }
}

function renameEntity(draft: Draft, from: string, to: string, entity: DraftEntity): void {
  const into = draft.entities.get(to);
  if (!into) return;
  for (const f of entity.fields) if (!into.fields.some((g) => g.name === f.name)) into.fields.push(f);
  for (const r of entity.relations) if (r.entity !== to && !into.relations.some((g) => g.field === r.field)) into.relations.push(r);
  draft.entities.delete(from);
  for (const other of draft.entities.values()) {
    other.relations = other.relations.map((r) => (r.entity === from ? { field: `${to}_id`, entity: to } : r)).filter((r, i, all) => all.findIndex((x) => x.field === r.field) === i);
  }
}

const PEOPLE = /^(?:member|team_member|user|employee|person|staff|staff_member|student|volunteer|worker|agent|rep|friend|player|contact|teacher|coach|client|customer|owner|assignee)$/;
const ASSIGNEE = /^(?:assignee|assigned_to|assigned|owner|responsible|who|person|handled_by|done_by|by)$/;

// A field that names another record type ("deals with a contact", "assigned to") is a link to it.
function fieldsToRelations(draft: Draft): void {
  const names = [...draft.entities.keys()];
  const people = names.filter((n) => PEOPLE.test(n));
  for (const [name, entity] of draft.entities) {
    entity.fields = entity.fields.filter((field) => {
      const base = field.name.replace(/_id$/, "");
      const target = names.find((n) => n !== name && (n === base || n === singularize(base) || pluralize(n) === base))
        ?? names.find((n) => n !== name && n.endsWith(`_${base}`) && !draft.entities.get(n)?.relations.some((r) => r.entity === name))
        ?? (ASSIGNEE.test(base) && people.length === 1 && people[0] !== name ? people[0] : undefined);
      if (!target || !["text", "integer", "enum"].includes(field.type)) return true;
      if (!entity.relations.some((r) => r.entity === target)) entity.relations.push({ field: `${target}_id`, entity: target });
      return false;
    });
  }
}

// "plant watering tracker with plant name, …": the record is the plant, named by its "name".
function narrowToSubject(draft: Draft): void {
  if (draft.entities.size !== 1) return;
  const [[name, entity]] = [...draft.entities] as [[string, DraftEntity]];
  const [first, ...rest] = name.split("_");
  if (!first || rest.length === 0 || !entity.fields.some((f) => f.name.startsWith(`${first}_`))) return;
  entity.fields = entity.fields.map((f) => (f.name.startsWith(`${first}_`) && !entity.fields.some((g) => g.name === f.name.slice(first.length + 1)) ? { ...f, name: f.name.slice(first.length + 1), label: labelOf(f.name.slice(first.length + 1)) } : f));
  draft.entities = new Map([[first, entity]]);
}

// "a pet clinic app. owners have pets": the app's name is no record type once others are named.
function dropNameOnly(draft: Draft): void {
  const others = [...draft.entities.keys()].filter((n) => !draft.fromName.has(n));
  if (others.length === 0) {
    for (const name of draft.weak) {
      draft.entities.delete(name);
      draft.unknown.push(name.replaceAll("_", " "));
    }
    return;
  }
  for (const name of draft.fromName) {
    const entity = draft.entities.get(name);
    const linked = [...draft.entities.values()].some((e) => e.relations.some((r) => r.entity === name));
    if (entity && entity.fields.length === 0 && entity.relations.length === 0 && !linked) draft.entities.delete(name);
  }
}

/** An enum without listed choices takes its usual ones, or is plain text when there are none to guess. */
export function settleChoices(entity: string, fields: FieldSpec[]): FieldSpec[] {
  return fields.map((f) => {
    if (f.type !== "enum" || f.options) return f;
    const options = defaultChoices(entity, f.name);
    return options ? { ...f, options } : { ...f, type: "text" };
  });
}

// A loan, booking or enrollment keeps its usual fields beside the ones the request named, unless a
// named field already covers one ("borrowed date" covers "borrowed on").
function withJoinFields(name: string, own: FieldSpec[]): FieldSpec[] {
  const stems = new Set(own.map((f) => f.name.split("_")[0]));
  const types = new Set(own.map((f) => f.type));
  return [...own, ...joinFields(name).filter((f) => !stems.has(f.name.split("_")[0]) && !types.has(f.type))];
}

const TITLED = /^(?:deal|task|todo|post|event|meeting|project|ticket|bug|issue|job|goal|idea|article|story|lesson|course|episode|movie|film|book|song|album|game|trip|campaign|chore|assignment|note|entry|milestone|feature|job_application|application|talk|session|workshop|class|gig|show|video|podcast|chapter|objective|key_result|okr|goal|initiative|experiment)$/;
const NAMING = /(?:^|_)(?:name|title|subject|label|username|email|code|number|summary|headline)$/;

// Rows need something people know them by: a record without a text field, or a titled kind of record
// without a name-like field, gets a title or a name first.
function withNamingField(name: string, fields: FieldSpec[], relations: number): FieldSpec[] {
  const text = fields.some((f) => f.type === "text" || f.type === "email");
  const named = fields.some((f) => NAMING.test(f.name));
  // Records of something that happened (a sale, a visit, a payment) are known by their date.
  const dated = fields.some((f) => f.type === "date" || f.type === "datetime");
  if (relations >= 2 || named || (!TITLED.test(name) && dated)) return fields;
  const word = TITLED.test(name) ? "title" : "name";
  return [{ name: word, label: labelOf(word), type: "text", required: true }, ...fields];
}

function toEntity(name: string, draft: DraftEntity, unknown: string[]): EntitySpec {
  const own = draft.fields.filter((f) => !RESERVED_FIELDS.has(f.name) && !draft.relations.some((r) => r.field === f.name));
  // A join record ("a loan") is complete with its two links; other records need something to show.
  const base = own.length > 0 || draft.relations.length >= 2 ? own : defaultFields(name);
  const measured = base.some((f) => /^(?:unit|units|measure)$/.test(f.name)) ? base.map((f) => (f.name === "amount" && f.type === "money" ? { ...f, type: "real" as const } : f)) : base;
  const fields = withNamingField(name, settleChoices(name, withJoinFields(name, measured)), draft.relations.length);
  const kept = fields.slice(0, MAX_FIELDS);
  for (const dropped of fields.slice(MAX_FIELDS)) unknown.push(`${dropped.label} (more than ${MAX_FIELDS} fields on ${name})`);
  const table = pluralize(name);
  return { name, table, label: labelOf(name), fields: [...kept, ...draft.relations.map(relationField)], relations: draft.relations };
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
  const tables = entities.slice(0, 2).map((e) => e.table.replaceAll("_", " "));
  const name = draft.appName?.trim() || (tables.length > 0 ? labelOf(tables.join(" and ")) : "My app");
  return name.slice(0, 60);
}

/** Reads a request such as "a todo app with title, due date and priority" into an AppSpec. */
export function parseRequest(text: string): AppSpec {
  const normal = rephrase(normalizeRequest(text.slice(0, MAX_REQUEST_CHARS)));
  const views = extractViews(normal);
  const { text: rest, parens } = setAsideParens(views.text);
  const draft: Draft = { entities: new Map(), unknown: [], appName: null, parens, fromName: new Set(), weak: new Set() };
  for (const clause of splitClauses(rewriteChoices(rest, parens))) readClause(clause, draft);
  mergeSuffixes(draft);
  narrowToSubject(draft);
  dropNameOnly(draft);
  for (const [name, entity] of draft.entities) if (entity.fields.length === 0 && entity.relations.length < 2) entity.fields = defaultFields(name);
  fieldsToRelations(draft);
  linkChildren(draft);
  const unknown = [...draft.unknown];
  const all = [...draft.entities].map(([name, entity]) => toEntity(name, entity, unknown));
  for (const extra of all.slice(MAX_ENTITIES)) unknown.push(`${extra.label} (more than ${MAX_ENTITIES} record types)`);
  const entities = parentsFirst(all.slice(0, MAX_ENTITIES));
  const chart = views.chart !== undefined && entities.length > 0 ? resolveChart(views.chart, entities, unknown) : undefined;
  if (entities.length === 0 && unknown.length === 0) unknown.push(text.trim() === "" ? "(the request is empty)" : text.trim().slice(0, 200));
  const main = all.find((e) => e.relations.length < 2 && !CHILD_KINDS.has(e.name))?.name;
  return {
    appName: entities.length > 0 ? appNameOf(draft, entities) : "My app",
    ...(main && entities.some((e) => e.name === main) ? { main } : {}),
    entities,
    views: { dashboard: views.dashboard && entities.length > 0, ...(chart ? { chart } : {}) },
    unknown,
  };
}
