// Reads one clause into a draft of entities: "X with a, b", "X: a, b", "X (a, b)", "X have Y",
// relations ("each X belongs to a Y", "members borrow books"), or a lone "habit tracker".
import type { FieldSpec, RelationSpec } from "./app-spec";
import { rewriteChoices } from "./enum-phrases";
import { defaultFields, kindEntities } from "./entity-defaults";
import { ARTICLES, KIND_OF, ORG_KINDS, readHead, VERBS, type Head } from "./read-head";
import { isFieldWord } from "./infer-field";
import { isUnsupported, readItems, type Items } from "./read-items";
import { fieldsFrom, holds, readRelationPhrase, type RelationReading } from "./relation-phrases";
import { isPlural, pluralize, singularize, snakeCase } from "./words";

export type DraftEntity = { fields: FieldSpec[]; relations: RelationSpec[] };
/**
 * Entities in the order first named, phrases not understood, the app's name once known, and the
 * entities only known from the app's name ("a pet clinic app"), which give way to any others.
 */
export type Draft = {
  entities: Map<string, DraftEntity>;
  unknown: string[];
  appName: string | null;
  parens: string[];
  fromName: Set<string>;
  /** Names from a bare noun ("helpdesk."), reported as not understood when nothing else is named. */
  weak: Set<string>;
};

const SEPARATOR = /^(.*?)(?:\s*:\s*|\s+[-–—]\s+|\s+(?:with|having|have|has|containing|including|that (?:have|has|holds?|stores?|tracks?|keeps?|records?|lists?)|which (?:have|has)|where (?:i|we|you|people|users) (?:can )?(?:track|log|record|store|keep|add|list|save|see|enter|manage)(?: the| my| our)?|to (?:log|track|record|manage|store|keep track of|organi[sz]e|list|save)|(?<=s\s)(?:record|track|store|capture|hold|keep|include|contain|need|require)|records|tracks|stores|captures|holds|keeps|includes|contains|needs|requires)\s+)(?![-–—:])(.*)$/;
/** The entity of that name, made empty if new. */
export function ensureEntity(draft: Draft, name: string): DraftEntity {
  const found = draft.entities.get(name);
  if (found) return found;
  const entity: DraftEntity = { fields: [], relations: [] };
  draft.entities.set(name, entity);
  return entity;
}

function addFields(entity: DraftEntity, fields: FieldSpec[]): void {
  for (const field of fields) {
    if (!entity.fields.some((f) => f.name === field.name)) entity.fields.push(field);
  }
}

/** `child.<field>` (by default `<parent>_id`) pointing at `parent`, creating both if new. */
export function addRelation(draft: Draft, child: string, parent: string, field = `${parent}_id`): void {
  if (child === parent || !child || !parent) return;
  ensureEntity(draft, parent);
  const entity = ensureEntity(draft, child);
  if (!entity.relations.some((r) => r.field === field)) entity.relations.push({ field, entity: parent });
}

// "book" is also an app kind ("recipe book"); in a relation it can only be a record type.
function nounOf(text: string): string {
  const words = text.replace(/§\d+§/g, " ").trim().split(/\s+/).filter((w) => !/^(?:which|what|whichever|their|its|his|her|my|our|your)$/.test(w));
  return readHead(words.join(" ")).noun ?? snakeCase(singularize(words.pop() ?? ""));
}

// A relation's noun must name records: "pets", "time entries", not "a title and priority".
const recordNoun = (text: string) => {
  const words = text.trim().split(/\s+/);
  const last = words[words.length - 1] ?? "";
  return words.length <= 3 && isPlural(last) && !isFieldWord(last);
};

// What follows a relation ("… and has an amount", "… and when it's due back") lists fields of `entity`.
function addRest(draft: Draft, entity: string, rest: string, parentOfOthers = entity): void {
  const list = rest.replace(/^(?:(?:and|plus|with|has|have|having|also|get|gets|receive|receives|earn|earns|,)\s*)+/, "");
  if (list === "") return;
  const items = readItems(list, draft.parens);
  addFields(ensureEntity(draft, entity), items.fields);
  for (const child of items.entities) addRelation(draft, child.name, child.parent ?? parentOfOthers);
  for (const phrase of items.relations) readRelation(phrase, draft);
  draft.unknown.push(...items.unknown);
}

// "a crm to manage customers": an app kind is no record type, so it relates nothing.
const namesKind = (text: string) => {
  const head = readHead(text);
  return head.noun === null && head.kind !== null && !ORG_KINDS.has(head.kind);
};

function applyRelation(reading: RelationReading, draft: Draft): boolean {
  if (!holds(reading, recordNoun)) return false;
  if (reading.kind === "belongs" ? namesKind(reading.parent) || namesKind(reading.child) : namesKind(reading.left) || namesKind(reading.right)) return false;
  if (reading.kind === "belongs") {
    const child = nounOf(reading.child);
    const parent = nounOf(reading.parent);
    addRelation(draft, child, parent);
    // "recipes have ingredients and steps": steps are the recipe's too.
    addRest(draft, child, reading.rest, reading.plural ? parent : child);
    return true;
  }
  const left = nounOf(reading.left);
  const right = nounOf(reading.right);
  if (!left || !right || left === right) return false;
  const join = reading.kind === "join" ? reading.join : `${left}_${right}`;
  ensureEntity(draft, left);
  ensureEntity(draft, right);
  addRelation(draft, join, left);
  addRelation(draft, join, right);
  if (reading.kind === "many" && reading.fields) addFields(ensureEntity(draft, join), fieldsFrom(reading.fields));
  addRest(draft, join, reading.rest);
  return true;
}

// Records a record points at rather than owns: "ingredients with suppliers" gives each ingredient a supplier.
const PARENT_KINDS = new Set([
  "supplier", "vendor", "category", "customer", "client", "owner", "company", "author", "assignee", "member", "user", "team", "department",
  "location", "account", "brand", "manufacturer", "publisher", "artist", "director", "teacher", "coach", "doctor", "agent", "person", "people",
  "employee", "staff", "manager", "venue", "room", "store", "warehouse", "project", "contact", "tag_group", "status", "type", "genre", "school",
]);

function addItems(draft: Draft, head: Head, items: Items, separator = ""): void {
  draft.unknown.push(...items.unknown);
  if (draft.entities.size === 0) draft.appName ??= head.label || null;
  const kinds = head.kind ? kindEntities(head.kind) : [];
  // "a gym app with members, plans and check-ins", "personal finance: accounts and transactions": the
  // head names the app, the items its records; "projects have tasks" (a plural head) relates them.
  const namesApp = items.entities.length > 0 && items.fields.length === 0 && (head.kind !== null || !head.plural || /[:–—-]/.test(separator));
  const last = [...draft.entities.keys()].pop();
  const owner = namesApp ? null : head.noun ?? (items.entities.length === 0 ? kinds[0] ?? last ?? "item" : null);
  const holds = items.fields.length > 0 || items.entities.length > 0 || items.references.length > 0 || items.lines.length > 0;
  if (owner && (holds || (head.noun && items.relations.length === 0))) addFields(ensureEntity(draft, owner), items.fields);
  const listed: string[] = [];
  for (const child of items.entities) {
    if (child.withDefaults) addFields(ensureEntity(draft, child.name), defaultFields(child.name));
    addFields(ensureEntity(draft, child.name), child.fields);
    const [a, b] = child.pair ?? listed.slice(-2);
    if (child.twice) {
      // "matches between two teams": a home and an away team, or a first and a second.
      const [one, two] = /^(?:match|game|fixture|bout|race)$/.test(child.name) ? ["home", "away"] : ["first", "second"];
      addRelation(draft, child.name, child.twice, `${one}_${child.twice}_id`);
      addRelation(draft, child.name, child.twice, `${two}_${child.twice}_id`);
    } else if (child.between && a && b) {
      addRelation(draft, child.name, a);
      addRelation(draft, child.name, b);
    } else if (child.parent) addRelation(draft, child.name, child.parent);
    else if (owner && head.noun && PARENT_KINDS.has(child.name)) addRelation(draft, owner, child.name);
    else if (owner && head.noun) addRelation(draft, child.name, owner);
    listed.push(child.name);
  }
  const holder = owner ?? items.entities[0]?.name;
  // Fields listed beside record types ("a CRM with contacts, notes") go to the first of them.
  if (!owner && holder) addFields(ensureEntity(draft, holder), items.fields);
  for (const ref of items.references) if (holder) addRelation(draft, holder, ref.entity, ref.field);
  // "products ordered with quantity" on an order: a line of the order for each product.
  for (const line of items.lines) {
    const from = line.holder ?? holder;
    if (!from) continue;
    const join = `${from}_${line.entity}`;
    addRelation(draft, join, from);
    addRelation(draft, join, line.entity);
    addFields(ensureEntity(draft, join), line.fields);
  }
  for (const phrase of items.relations) readRelation(phrase, draft);
}

// "products, locations, and stock movements (…)", "students, their lessons (…) and what pieces they're
// working on": a list of record types, each with its own fields and the record it belongs to.
function readRecordList(clause: string, draft: Draft): boolean {
  const items = readItems(clause.replace(VERBS, ""), draft.parens);
  if (items.entities.length < 2 || items.fields.length > 0 || items.unknown.length > 0) return false;
  const kind = KIND_OF.exec(clause.replace(VERBS, "").replace(ARTICLES, ""))?.[1];
  const names = items.entities.map((e) => pluralize(e.name).replaceAll("_", " "));
  const label = kind ?? `${names.slice(0, -1).join(", ")} and ${names[names.length - 1] ?? ""}`;
  draft.appName ??= label.charAt(0).toUpperCase() + label.slice(1);
  addItems(draft, { noun: null, kind: null, label: "", hadVerb: true, plural: true }, items);
  return true;
}

// A clause that is no list: "habit tracker", "a CRM", "track books", "students and classes", or stray field words.
function readLone(clause: string, draft: Draft): void {
  const parts = clause.replace(VERBS, "").split(/\s*,\s*|\s+and\s+|\s*&\s*/).map((p) => p.replace(ARTICLES, "").trim()).filter(Boolean);
  if (parts.length >= 2 && parts.every((p) => recordNoun(p.replace(/\s*§\d+§/g, "")))) {
    draft.appName ??= parts.map((p) => p.replace(/\s*§\d+§/g, "")).join(" and ");
    for (const part of parts) addParenFields(draft, ensureNamed(draft, nounOf(part)), part);
    return;
  }
  const head = readHead(clause);
  const kinds = head.kind ? kindEntities(head.kind) : [];
  if (isUnsupported(clause)) {
    draft.unknown.push(clause.replace(/§(\d+)§/g, (_m, i: string) => `(${draft.parens[Number(i)] ?? ""})`));
    return;
  }
  if (head.noun && (head.kind || head.hadVerb || (draft.entities.size === 0 && clause.split(" ").length <= 2 && /s$/.test(clause)))) {
    draft.appName ??= head.label;
    if (!draft.entities.has(head.noun)) draft.fromName.add(head.noun);
    ensureEntity(draft, head.noun);
  } else if (!head.noun && kinds.length > 0) {
    draft.appName ??= head.label;
    for (const name of kinds) {
      if (!draft.entities.has(name)) draft.fromName.add(name);
      ensureEntity(draft, name);
    }
  } else if (!head.noun && head.kind) {
    // "an app for a dog daycare.": it names the app and nothing else.
    draft.appName ??= head.label || null;
  } else if (head.noun && !head.hadVerb && clause.split(" ").length <= 3) {
    // "simple helpdesk." names the app; it is a record type only if nothing else is named.
    draft.appName ??= head.label;
    draft.fromName.add(head.noun);
    draft.weak.add(head.noun);
    ensureEntity(draft, head.noun);
  } else {
    const items = readItems(clause, draft.parens);
    const last = [...draft.entities.values()].pop();
    if (last && items.fields.length > 0 && items.entities.length === 0 && items.unknown.length === 0) addFields(last, items.fields);
    else draft.unknown.push(clause.replace(/§(\d+)§/g, (_m, i: string) => `(${draft.parens[Number(i)] ?? ""})`));
  }
}

const ensureNamed = (draft: Draft, name: string) => {
  ensureEntity(draft, name);
  return name;
};

// "kids (name, age) get chores assigned": fields in parentheses after a noun of a relation are that record's.
function addParenFields(draft: Draft, name: string, text: string): void {
  const paren = /§(\d+)§/.exec(text);
  if (!paren || !draft.entities.has(name)) return;
  addFields(ensureEntity(draft, name), readItems(draft.parens[Number(paren[1])] ?? "", []).fields);
}

function readRelation(clause: string, draft: Draft): boolean {
  // Only the marker right after the subject goes ("kids §0§ get chores"); later ones hold fields' choices.
  const bare = clause.replace(VERBS, "").replace(/^([a-z ]+?)\s*§\d+§/, "$1").trim();
  const reading = readRelationPhrase(bare);
  if (!reading || !applyRelation(reading, draft)) return false;
  for (const match of clause.matchAll(/([a-z]+) §(\d+)§/g)) addParenFields(draft, nounOf(match[1] ?? ""), match[0]);
  return true;
}

const separatorOf = (clause: string, head: string, body: string) => clause.slice(head.length, clause.length - body.length);

// A body with a head of its own ("gigs: venue, date") rather than a plain list of fields.
function nestedHead(body: string, parens: string[]): boolean {
  const inner = SEPARATOR.exec(body);
  if (inner?.[1] === undefined || inner[1].includes(",") || readHead(inner[1]).noun === null) return false;
  // "products with sku, and orders with a date" is a list of record types, not one with a head.
  return readItems(body, parens).entities.length < 2;
}

/** Adds what one clause says to the draft; `depth` stops the "I want to have …" unwrapping from looping. */
export function readClause(clause: string, draft: Draft, depth = 0): void {
  if (depth > 4) return;
  if (readRelation(clause, draft)) return;
  // "clients, projects for each client with hourly rate, and time entries on projects with …": a list of
  // record types; a head before ":" or "with" ("a crm: companies, …") is read as a list below instead.
  const listHead = SEPARATOR.exec(clause)?.[1];
  // A head that is itself a list ("swimmers (…) and races with …") is no head.
  const headless = listHead === undefined || /,|§|\band\b/.test(listHead);
  if (headless && readRecordList(clause, draft)) return;
  // "students and classes, students can take many classes": relations among the parts of a sentence.
  const parts = clause.split(/\s*,\s*/);
  const related = (p: string) => {
    const reading = readRelationPhrase(p.replace(VERBS, "").replace(/\s*§\d+§/g, "").trim());
    return reading !== null && holds(reading, recordNoun);
  };
  if (parts.length > 1 && headless && parts.some(related)) {
    for (const part of parts) readClause(part, draft, depth + 1);
    return;
  }
  // "companies post jobs and candidates apply to jobs": two relations in one sentence.
  const halves = clause.split(/\s+and\s+/);
  if (halves.length === 2 && halves.every(related)) {
    for (const half of halves) readClause(half, draft, depth + 1);
    return;
  }
  const split = SEPARATOR.exec(clause) ?? /^(.*?)\s+of\s+(.*)$/.exec(clause) ?? /^(.*?)\s*§(\d+)§\s*$/.exec(clause);
  if (!split || split[1] === undefined || split[2] === undefined) return readLone(clause, draft);
  const isParen = /^\d+$/.test(split[2]) && clause.trim().endsWith("§");
  const body = isParen ? draft.parens[Number(split[2])] ?? "" : split[2];
  const head = readHead(split[1]);
  // "a lending library: track which friend borrowed which book", "an app for my band to track gigs: venue,
  // date": the head names the app, and the rest says what it keeps.
  if (!isParen && (readRelation(body, draft) || (head.kind && (!head.noun || /[:–—-]/.test(separatorOf(clause, split[1], body))) && nestedHead(body, draft.parens)))) {
    draft.appName ??= head.label || null;
    if (nestedHead(body, draft.parens) && !readRelationPhrase(body.replace(VERBS, "").trim())) readClause(body, draft, depth + 1);
    return;
  }
  if (!head.noun && !head.kind) {
    if (split[1].trim() !== clause.trim()) return readClause(body, draft, depth + 1);
    return readLone(clause, draft);
  }
  if (/\bof\b/.test(clause) && !SEPARATOR.test(clause) && !isParen && head.noun) return readLone(clause, draft);
  // A list in parentheses was set aside whole; its own lists of choices are read now.
  const inner: string[] = [];
  addItems(draft, head, isParen ? readItems(rewriteChoices(body, inner), inner) : readItems(body, draft.parens), separatorOf(clause, split[1], body));
}
