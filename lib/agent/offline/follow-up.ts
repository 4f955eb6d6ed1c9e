// A request about an app that exists: a command (add, rename or remove a field; remove a page or a
// record type; make a field required; filter or sort a list), or more of the app ("orders with notes"),
// merged onto what is there. Each becomes the smallest change; what cannot be done is said, not guessed.
import type { AppSpec, EntitySpec, FieldSpec } from "./app-spec";
import { rewriteChoices } from "./enum-phrases";
import { normalizeRequest, setAsideParens } from "./normalize-request";
import type { AppPlan } from "./plan-app";
import { listPageId } from "./plan-blueprint";
import { findField, planChange, type ChangeOptions } from "./plan-change";
import { parseRequest, settleChoices } from "./parse-request";
import { readItems } from "./read-items";
import { labelOf, pluralize, singularize, snakeCase } from "./words";

type Json = Record<string, unknown>;
/** A follow-up's outcome: a plan to carry out, an answer when the app already does it, or a refusal that says what the planner can do instead. */
export type FollowUp = { plan: AppPlan } | { answer: string } | { declined: string };

const REMOVE = "(?:remove|delete|drop|get rid of|take out|take away|lose|ditch|kill|hide|scrap|axe|eliminate)";
const DET = "(?:the |a |an |that |this |my |our )?";
const FIELD_WORD = "(?:field|column|property|attribute|input|box)";
const ENTITY_WORD = "(?:table|entity|records?|data|model|type|list|section|feature|part|stuff|thing)";

const HELP = 'I can add, rename or remove a field ("add a due date to tasks", "rename notes to details on tasks", "remove the phone field from contacts"), remove a page or a record type ("remove the members page", "delete the tags table"), make a field required or optional ("make email required on contacts"), sort or filter a list ("sort tasks by due date, newest first", "let me filter tasks by status"), or add record types and fields ("also track invoices with amount and due date").';

function entityNamed(spec: AppSpec, words: string | undefined): EntitySpec | undefined {
  if (!words) return undefined;
  const name = snakeCase(words.replace(/^(?:the|each|every|all|a|an|my)\s+/, ""));
  const single = singularize(name.split("_").pop() ?? "");
  return spec.entities.find((e) => e.name === name || e.table === name || e.name === singularize(name))
    ?? spec.entities.find((e) => e.name === single || e.name.endsWith(`_${single}`));
}

// A field named alone: the record type it belongs to when only one has it.
function fieldAnywhere(spec: AppSpec, words: string): { entity: EntitySpec; field: FieldSpec }[] {
  return spec.entities.flatMap((entity) => {
    const field = findField(entity, words);
    return field ? [{ entity, field }] : [];
  });
}

function withEntity(spec: AppSpec, name: string, change: (e: EntitySpec) => EntitySpec): AppSpec {
  return { ...spec, entities: spec.entities.map((e) => (e.name === name ? change(e) : e)) };
}

type Target = { entity: EntitySpec; field: FieldSpec } | { declined: string };

function target(spec: AppSpec, fieldWords: string, entityWords: string | undefined): Target {
  const entity = entityNamed(spec, entityWords);
  if (entityWords && !entity) return { declined: `There is no "${entityWords}" in this app (it has ${spec.entities.map((e) => e.table).join(", ")}).` };
  const found = entity ? (findField(entity, fieldWords) ? [{ entity, field: findField(entity, fieldWords) as FieldSpec }] : []) : fieldAnywhere(spec, fieldWords);
  if (found.length === 1 && found[0]) return found[0];
  if (found.length > 1) return { declined: `More than one record type has "${fieldWords}" (${found.map((f) => f.entity.table).join(", ")}); say which, e.g. "… on ${found[0]?.entity.table}".` };
  const where = entity ? entity.table : "any record type";
  return { declined: `I could not find a field "${fieldWords}" on ${where}.` };
}

type Command = { pattern: RegExp; run: (m: RegExpExecArray, spec: AppSpec, blueprint: Json | null) => FollowUp | null };

const change = (old: AppSpec, next: AppSpec, blueprint: Json | null, summary: string, options: ChangeOptions = {}): FollowUp => ({ plan: planChange(old, next, blueprint, options, summary) });

const COMMANDS: Command[] = [
  {
    // "remove the members page", "hide the tags screen"
    pattern: new RegExp(`^${REMOVE} ${DET}(.+?) (?:page|screen|tab|view)s?$`),
    run: (m, spec, blueprint) => {
      const entity = entityNamed(spec, m[1]);
      if (!entity) return { declined: `There is no "${m[1]}" page in this app.` };
      const pages = isObject(blueprint?.pages) ? blueprint.pages : {};
      const id = listPageId(spec, entity);
      const kept = [`The ${entity.table} table, its function and its rows are kept.`];
      if (id !== "home") {
        if (!pages[id]) return { declined: `The ${entity.table} page is already gone; its table and rows are still there.` };
        return change(spec, spec, blueprint, `Removed the ${entity.table.replaceAll("_", " ")} page and its links.`, { removePages: [id], notes: kept });
      }
      // The home page goes: the app opens on the next record type's list instead.
      const next = spec.entities.find((e) => e.name !== entity.name && pages[listPageId(spec, e)] !== undefined);
      if (!next) return { declined: `The ${entity.table} list is the only page of this app; removing it would leave nothing to open.` };
      const moved = { ...spec, main: next.name };
      return change(spec, moved, blueprint, `Removed the ${entity.table.replaceAll("_", " ")} page; the app now opens on ${next.table.replaceAll("_", " ")}.`, { removePages: [listPageId(spec, next), `p_${entity.table}`], rebuild: [next.name], notes: kept });
    },
  },
  {
    // "remove the phone field from contacts", "drop notes"
    pattern: new RegExp(`^${REMOVE} ${DET}(.+?)(?: ${FIELD_WORD})?(?: (?:from|on|in|of) ${DET}(.+?))?$`),
    run: (m, spec, blueprint) => {
      const whole = entityNamed(spec, (m[1] ?? "").replace(new RegExp(` ${ENTITY_WORD}$`), ""));
      if (whole && !m[2] && !findField(whole, m[1] ?? "")) {
        const next = { ...spec, entities: spec.entities.filter((e) => e.name !== whole.name).map((e) => ({ ...e, fields: e.fields.filter((f) => !e.relations.some((r) => r.entity === whole.name && r.field === f.name)), relations: e.relations.filter((r) => r.entity !== whole.name) })) };
        if (next.entities.length === 0) return { declined: `${whole.table} is all this app has; removing it would leave nothing. Start a new project instead, or remove fields.` };
        const main = spec.main === whole.name ? { ...next, main: next.entities[0]?.name } : next;
        return change(spec, main, blueprint, `Removed ${whole.table}: its table (and every row in it), its function and its pages.`);
      }
      const found = target(spec, m[1] ?? "", m[2]);
      if ("declined" in found) return m[2] ? found : null;
      const { entity, field } = found;
      if (entity.fields.length === 1) return { declined: `${field.label} is the only field of ${entity.table}; a record needs at least one.` };
      const next = withEntity(spec, entity.name, (e) => ({ ...e, fields: e.fields.filter((f) => f.name !== field.name), relations: e.relations.filter((r) => r.field !== field.name) }));
      return change(spec, next, blueprint, `Removed ${field.label} from ${entity.table} (its column and values).`);
    },
  },
  {
    // "rename notes to details on tasks", "rename the title field of books to name"
    pattern: new RegExp(`^(?:rename|change the name of|call) ${DET}(.+?)(?: ${FIELD_WORD})?(?: (?:on|in|of|for) ${DET}(.+?))? (?:to|as|into) ${DET}(.+?)(?: instead)?$`),
    run: (m, spec, blueprint) => {
      // "rename value to amount on deals": the record type may come last.
      const tail = new RegExp(`^(.+?) (?:on|in|of|for) ${DET}(.+)$`).exec(m[3] ?? "");
      const [newName, entityWords] = !m[2] && tail && entityNamed(spec, tail[2]) ? [tail[1], tail[2]] : [m[3], m[2]];
      const found = target(spec, m[1] ?? "", entityWords);
      if ("declined" in found) return found;
      const { entity, field } = found;
      const to = snakeCase(newName ?? "");
      if (!to || ["id", "created_at"].includes(to) || entity.fields.some((f) => f.name === to)) return { declined: `${entity.table} already has a field "${newName ?? ""}", or that name is not allowed.` };
      const next = withEntity(spec, entity.name, (e) => ({ ...e, fields: e.fields.map((f) => (f.name === field.name ? { ...f, name: to, label: labelOf(to) } : f)) }));
      return change(spec, next, blueprint, `Renamed ${field.label} to ${labelOf(to)} on ${entity.table}; its values are kept.`, { renames: [{ entity: entity.name, from: field.name, to }] });
    },
  },
  {
    // "make email required on contacts", "make the due date on tasks optional"
    pattern: new RegExp(`^(?:make|set|mark) ${DET}(.+?)(?: ${FIELD_WORD})?(?: (?:on|in|of|for) ${DET}(.+?))? (?:be )?(required|mandatory|optional|not required)(?: (?:on|in|of|for) ${DET}(.+?))?$`),
    run: (m, spec, blueprint) => {
      const found = target(spec, m[1] ?? "", m[2] ?? m[4]);
      if ("declined" in found) return found;
      const { entity, field } = found;
      const required = m[3] === "required" || m[3] === "mandatory";
      const next = withEntity(spec, entity.name, (e) => ({ ...e, fields: e.fields.map((f) => (f.name === field.name ? { ...f, required } : f)) }));
      const note = required ? "New and edited rows must have it; existing rows without one are kept as they are." : "";
      return change(spec, next, blueprint, `${field.label} on ${entity.table} is now ${required ? "required" : "optional"}.`, { notes: note ? [note] : [] });
    },
  },
  {
    // "sort tasks by due date, newest first", "order contacts by name"
    pattern: /^(?:sort|order|arrange|list|show) (?:the )?(.+?) by (?:their |its |the )?(.+?)(?:,? (newest|latest|highest|biggest|most recent|oldest|lowest|smallest|earliest|a to z|z to a)(?: first| on top)?|,? (asc|ascending|desc|descending))?$/,
    run: (m, spec, blueprint) => {
      const found = target(spec, m[2] ?? "", m[1]);
      if ("declined" in found) return found;
      const desc = /newest|latest|highest|biggest|most recent|z to a|desc/.test(`${m[3] ?? ""} ${m[4] ?? ""}`);
      return sortPlan(spec, blueprint, found.entity, found.field, desc);
    },
  },
  {
    // "let me filter tasks by status", "add a filter for priority on tasks"
    pattern: /^(?:let (?:me |people |users |us )?|i want to |be able to |add (?:a )?(?:way to )?)?filter(?:s)? (?:(?:the )?(.+?) )?(?:by|on|for) (?:their |its |the )?(.+?)(?: (?:on|in|of|for) (?:the )?(.+?))?$/,
    run: (m, spec) => {
      const found = target(spec, m[2] ?? "", m[1] ?? m[3]);
      if ("declined" in found) return found;
      const { entity, field } = found;
      if (["enum", "boolean"].includes(field.type) || entity.relations.some((r) => r.field === field.name)) {
        return { answer: `The ${entity.table} list can already be filtered by ${field.label.toLowerCase()}: use the ${field.label} menu above the table.` };
      }
      return { declined: `${field.label} is free ${field.type}, so there is no list of values to filter by; the search box above the ${entity.table} table finds rows by it. Turning it into a list of choices ("make ${field.label.toLowerCase()} a choice of a, b or c") is not something I can do offline.` };
    },
  },
];

function sortPlan(spec: AppSpec, blueprint: Json | null, entity: EntitySpec, field: FieldSpec, desc: boolean): FollowUp {
  const pages = isObject(blueprint?.pages) ? structuredClone(blueprint.pages) : {};
  let sorted = 0;
  for (const page of Object.values(pages)) {
    visit(isObject(page) ? page.body : null, (node) => {
      if (node.type !== "table" || !isObject(node.data) || node.data.function !== entity.table) return;
      node.data.args = { ...(isObject(node.data.args) ? node.data.args : {}), sort: field.name, dir: desc ? "desc" : "asc" };
      sorted += 1;
    });
  }
  if (sorted === 0) return { declined: `No page lists ${entity.table}, so there is nothing to sort.` };
  const plan: AppPlan = { migration: { name: "no_change", operations: [] }, functions: [], components: [], blueprint: { ...blueprint, pages }, summary: `${labelOf(entity.table)} are now listed by ${field.label.toLowerCase()}, ${desc ? "highest or newest" : "lowest or oldest"} first; a click on a column header still re-sorts.` };
  return { plan };
}

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
function visit(node: unknown, fn: (node: Json) => void): void {
  if (!isObject(node)) return;
  fn(node);
  for (const child of Array.isArray(node.children) ? node.children : []) visit(child, fn);
  if (Array.isArray(node.rowActions)) for (const action of node.rowActions) if (isObject(action) && isObject(action.modal)) for (const c of Array.isArray(action.modal.children) ? action.modal.children : []) visit(c, fn);
}

// "add a due date to tasks", "tasks also need a priority (low, high)", "give contacts a birthday"
const ADD = /^(?:add|include|put|also track|track|record|store|save|keep|give (.+?)|(.+?) (?:also )?(?:need|needs|should have|must have|want|get|gets))\s+(?:a |an |the |another |new )?(.+?)(?: (?:field|column))?(?: (?:to|on|for|in|into) (?:the |each |every |all |my )?(.+?))?$/;

function addField(m: RegExpExecArray, spec: AppSpec, blueprint: Json | null): FollowUp | null {
  const entityWords = m[1] ?? m[2] ?? m[4];
  const entity = entityNamed(spec, entityWords);
  // "track invoices with amount …" is a new record type, not a field of an old one.
  if (!entity || /\b(?:with|have|has|having|belongs?)\b/.test(m[3] ?? "")) return null;
  const { text, parens } = setAsideParens(m[3] ?? "");
  const items = readItems(rewriteChoices(text, parens), parens);
  if (items.entities.some((e) => !spec.entities.some((x) => x.name === e.name))) return null;
  const fields = [...items.fields, ...items.entities.map((e) => ({ name: e.name, label: labelOf(e.name), type: "text" as const, required: false }))];
  const added = fields.filter((f) => !entity.fields.some((g) => g.name === f.name));
  if (added.length === 0) return null;
  const others = new Set(spec.entities.map((e) => e.name));
  const relations = added.flatMap((f) => {
    const parent = [...others].find((n) => n !== entity.name && (f.name === `${n}_id` || f.name === n));
    return parent ? [{ field: `${parent}_id`, entity: parent }] : [];
  });
  const next = withEntity(spec, entity.name, (e) => ({
    ...e,
    fields: [...e.fields, ...settleChoices(entity.name, added).map((f) => (relations.some((r) => r.entity === f.name) ? { ...f, name: `${f.name}_id`, label: labelOf(f.name), type: "integer" as const } : f))],
    relations: [...e.relations, ...relations],
  }));
  return change(spec, next, blueprint, `Added ${added.map((f) => `${f.label} (${f.type})`).join(", ")} to ${entity.table}; existing rows keep their values and have none for the new field yet.`);
}

// More of the app: new record types are added, fields named for existing ones join theirs, nothing is dropped.
function extend(request: string, spec: AppSpec, blueprint: Json | null): FollowUp | null {
  const parsed = parseRequest(request);
  if (parsed.entities.length === 0) return null;
  const names = new Map(spec.entities.map((e) => [e.name, e]));
  const entities = spec.entities.map((e) => ({ ...e, fields: [...e.fields], relations: [...e.relations] }));
  const added: string[] = [];
  for (const wanted of parsed.entities) {
    const existing = entities.find((e) => e.name === wanted.name);
    if (!existing) {
      entities.push(wanted);
      added.push(`${wanted.table} (${wanted.fields.map((f) => f.name).join(", ")})`);
      continue;
    }
    const named = wanted.fields.filter((f) => request.toLowerCase().includes(f.name.replaceAll("_", " ")) || request.toLowerCase().includes(f.label.toLowerCase()));
    for (const field of named) {
      if (existing.fields.some((f) => f.name === field.name)) continue;
      existing.fields.push(field);
      added.push(`${field.label} on ${existing.table}`);
    }
    for (const r of wanted.relations) {
      if (existing.relations.some((x) => x.field === r.field)) continue;
      existing.relations.push(r);
      const field = wanted.fields.find((f) => f.name === r.field);
      if (field && !existing.fields.some((f) => f.name === field.name)) existing.fields.push(field);
      added.push(`a link from ${existing.table} to ${pluralize(r.entity)}`);
    }
  }
  if (added.length === 0) return { declined: `Everything named there is already in the app (${[...names.values()].map((e) => e.table).join(", ")}). ${HELP}` };
  const next: AppSpec = { ...spec, entities: orderParents(entities) };
  const unknown = parsed.unknown.length > 0 ? [`Not understood, so not built: ${parsed.unknown.map((u) => `"${u}"`).join(", ")}.`] : [];
  return change(spec, next, blueprint, `Added ${added.join(", ")}. Everything else was kept as it was.`, { notes: unknown });
}

function orderParents(entities: EntitySpec[]): EntitySpec[] {
  const done: EntitySpec[] = [];
  const pending = [...entities];
  while (pending.length > 0) {
    const index = pending.findIndex((e) => e.relations.every((r) => r.entity === e.name || done.some((d) => d.name === r.entity) || !pending.some((p) => p.name === r.entity)));
    const [next] = pending.splice(index === -1 ? 0 : index, 1);
    if (next) done.push(next);
  }
  return done;
}

/** What a request does to the app `spec` (read from the project), given its blueprint. */
export function planFollowUp(request: string, spec: AppSpec, blueprint: Json | null): FollowUp {
  const text = normalizeRequest(request).replace(/[.!]+$/, "").replace(/^(?:(?:can|could|would) you |i (?:want|need|would like) (?:you )?to |i want |lets |let s |now |also |and |then |please )+/, "").trim();
  for (const command of COMMANDS) {
    const m = command.pattern.exec(text);
    const result = m ? command.run(m, spec, blueprint) : null;
    if (result) return result;
  }
  const add = ADD.exec(text);
  const added = add ? addField(add, spec, blueprint) : null;
  if (added) return added;
  return extend(request, spec, blueprint) ?? { declined: `I could not turn "${request.trim().slice(0, 200)}" into a change to this app. ${HELP}` };
}
