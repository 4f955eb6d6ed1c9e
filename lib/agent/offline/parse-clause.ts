// Reads one clause into a draft of entities: "X with a, b", "X: a, b", "X (a, b)", "X have Y",
// "each X belongs to a Y", "X for a Y", or a lone "habit tracker".
import type { FieldSpec, RelationSpec } from "./app-spec";
import { APP_KINDS, kindEntities } from "./entity-defaults";
import { readItems, type Items } from "./read-items";
import { singularize, snakeCase } from "./words";

export type DraftEntity = { fields: FieldSpec[]; relations: RelationSpec[] };
/** Entities in the order first named, phrases not understood, and the app's name once known. */
export type Draft = { entities: Map<string, DraftEntity>; unknown: string[]; appName: string | null; parens: string[] };

const VERBS = /^(?:(?:i|we|you)\s+)?(?:(?:want|need|would like|wanna|d like|like|could you|can you|help)\s+)*(?:to\s+)?(?:(?:build|make|create|have|get|give|design|log|track|manage|keep track of|keep|record|store|organi[sz]e|list|plan|write|run|collect|save|monitor|follow)\s+)*/;
const ARTICLES = /^(?:(?:an?|the|each|every|of|for|all|app|about|us)\s+)+/;
const SEPARATOR = /^(.*?)(?:\s*:\s*|\s+(?:with|having|have|has|containing|including|that (?:have|has|holds?|stores?)|which (?:have|has)|to (?:log|track|record|manage|store|keep track of))\s+)(.*)$/;
const BELONGS = /^(?:each|every|a|an|one)?\s*([a-z_ ]+?)\s+(?:belongs?|belonging|is linked|are linked|is attached|are attached)\s+to\s+(?:an?|one|the|some)?\s*([a-z_]+)$/;
const HAS_MANY = /^(?:each|every|a|an|one)?\s*([a-z_]+)\s+(?:has|have|can have)\s+(?:many|several|multiple|lots of)\s+([a-z_ ]+)$/;
const CHILD_OF = /^(?:each|every)?\s*([a-z_]+)\s+(?:are|is)?\s*(?:for|of|per|under|in|on)\s+(?:an?|one|each|the)\s+([a-z_]+)$/;

const STOP_WORDS = new Set(["of", "for", "to", "in", "on", "a", "an", "the", "and", "my", "our", "all", "that", "which", "where", "app"]);

// Words that never name a record type: "make it pop", "improve this", "fix the look of things".
const VAGUE_WORDS = new Set([
  "it", "its", "this", "these", "those", "them", "they", "something", "anything", "everything", "stuff", "thing", "things",
  "look", "feel", "better", "nicer", "prettier", "faster", "pop", "work", "good", "great",
]);

type Head = { noun: string | null; kind: string | null; label: string; hadVerb: boolean };

/** The record type and the app kind a head names: "a todo app" → todo, app; "track books" → book. */
export function readHead(head: string): Head {
  const text = `${head.trim()} `; // the patterns end each word with a space
  const hadVerb = (VERBS.exec(text)?.[0].length ?? 0) > 0;
  const rest = text.replace(VERBS, "").replace(ARTICLES, "").replace(/§\d+§/g, "").trim();
  const words = rest.split(" ").filter((w) => /^[a-z][a-z0-9_-]*$/.test(w));
  const kind = words.find((w) => APP_KINDS.has(w)) ?? null;
  const nouns = words.filter((w) => !APP_KINDS.has(w) && !STOP_WORDS.has(w));
  const last = nouns.some((w) => VAGUE_WORDS.has(w)) ? undefined : nouns[nouns.length - 1];
  const noun = last && nouns.length <= 3 ? snakeCase([...nouns.slice(0, -1), singularize(last)].join(" ")) || null : null;
  const label = words.length <= 1 && (words[0]?.length ?? 0) <= 3 ? (words[0] ?? "").toUpperCase() : words.join(" ");
  return { noun, kind, label: label.charAt(0).toUpperCase() + label.slice(1), hadVerb };
}

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

function addRelation(draft: Draft, child: string, parent: string): void {
  if (child === parent || !child || !parent) return;
  ensureEntity(draft, parent);
  const entity = ensureEntity(draft, child);
  const field = `${parent}_id`;
  if (!entity.relations.some((r) => r.field === field)) entity.relations.push({ field, entity: parent });
}

// "book" is also an app kind ("recipe book"); in a relation it can only be a record type.
function nounOf(text: string): string {
  return readHead(text).noun ?? snakeCase(singularize(text.trim().split(" ").pop() ?? ""));
}

function readRelation(clause: string, draft: Draft): boolean {
  const belongs = BELONGS.exec(clause) ?? CHILD_OF.exec(clause);
  if (belongs?.[1] && belongs[2]) {
    addRelation(draft, nounOf(belongs[1]), nounOf(belongs[2]));
    return true;
  }
  const many = HAS_MANY.exec(clause);
  if (many?.[1] && many[2]) {
    addRelation(draft, nounOf(many[2]), nounOf(many[1]));
    return true;
  }
  return false;
}

function addItems(draft: Draft, head: Head, items: Items): void {
  draft.unknown.push(...items.unknown);
  draft.appName ??= head.label || null;
  const kinds = head.kind ? kindEntities(head.kind) : [];
  const owner = head.noun ?? (items.entities.length === 0 ? kinds[0] ?? "item" : null);
  if (owner) addFields(ensureEntity(draft, owner), items.fields);
  for (const child of items.entities) {
    addFields(ensureEntity(draft, child.name), child.fields);
    if (owner && head.noun) addRelation(draft, child.name, owner);
  }
  // Fields listed beside record types ("a CRM with contacts, notes") go to the first of them.
  const first = items.entities[0];
  if (!owner && first) addFields(ensureEntity(draft, first.name), items.fields);
}

// A clause that is no list: "habit tracker", "a CRM", "track books", or stray field words.
function readLone(clause: string, draft: Draft): void {
  const head = readHead(clause);
  const kinds = head.kind ? kindEntities(head.kind) : [];
  if (head.noun && (head.kind || head.hadVerb || draft.entities.size === 0 && clause.split(" ").length <= 2 && /s$/.test(clause))) {
    draft.appName ??= head.label;
    ensureEntity(draft, head.noun);
  } else if (!head.noun && kinds.length > 0) {
    draft.appName ??= head.label;
    for (const name of kinds) ensureEntity(draft, name);
  } else {
    const items = readItems(clause, draft.parens);
    const last = [...draft.entities.values()].pop();
    if (last && items.fields.length > 0 && items.entities.length === 0 && items.unknown.length === 0) addFields(last, items.fields);
    else draft.unknown.push(clause.replace(/§(\d+)§/g, (_m, i: string) => `(${draft.parens[Number(i)] ?? ""})`));
  }
}

/** Adds what one clause says to the draft; `depth` stops the "I want to have …" unwrapping from looping. */
export function readClause(clause: string, draft: Draft, depth = 0): void {
  if (readRelation(clause, draft)) return;
  const split = SEPARATOR.exec(clause) ?? /^(.*?)\s+of\s+(.*)$/.exec(clause) ?? /^(.*?)\s*§(\d+)§\s*$/.exec(clause);
  if (!split || split[1] === undefined || split[2] === undefined) return readLone(clause, draft);
  const isParen = /^\d+$/.test(split[2]) && clause.trim().endsWith("§");
  const body = isParen ? draft.parens[Number(split[2])] ?? "" : split[2];
  const head = readHead(split[1]);
  if (!head.noun && !head.kind) {
    if (depth < 3 && split[1].trim() !== clause.trim()) return readClause(body, draft, depth + 1);
    return readLone(clause, draft);
  }
  if (/\bof\b/.test(clause) && !SEPARATOR.test(clause) && !isParen && head.noun) return readLone(clause, draft);
  addItems(draft, head, readItems(body, isParen ? [] : draft.parens));
}
