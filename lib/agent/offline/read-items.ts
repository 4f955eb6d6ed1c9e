// Reads the list after "with", ":" or "have": each item is a field ("due date") or a record type ("comments").
import type { FieldSpec } from "./app-spec";
import { inferField, isFieldWord } from "./infer-field";
import { isPlural, singularize, snakeCase } from "./words";

/** A record type named in a list, with the fields given in parentheses after it. */
export type ItemEntity = { name: string; fields: FieldSpec[] };
export type Items = { fields: FieldSpec[]; entities: ItemEntity[]; unknown: string[] };

// Features the offline planner cannot build; a phrase asking for one is reported, not guessed at.
const UNSUPPORTED = /\b(?:sync|syncs|export|import|notify|notification|notifications|login|log in|sign ?in|auth|share|sharing|email me|send|sends|remind|reminders?|integrat\w*|payments?|stripe|upload|uploads|photos?|images?|pictures?|ai|chat|search|calendar|google|slack|pdf|csv|api|realtime|dark mode)\b/;
const MAX_ITEM_WORDS = 5;

/** Splits a list on commas, "and", "&" and "as well as"; parentheses were set aside beforehand. */
export function splitItems(body: string): string[] {
  return body
    .split(/\s*,\s*|\s+and\s+|\s*&\s*|\s+as well as\s+|\s+along with\s+/)
    .map((i) => i.replace(/^(?:(?:a|an|the|its|their|also|some|each|one|optional)\s+)+/, "").replace(/\s+over time$/, "").trim())
    // "whether I've read it (yes/no)" is the field "read".
    .map((i) => i.replace(/^whether\s+(?:(?:i|we|you|they)(?:ve|\s+have)?\s+|its\s+|it\s+is\s+)?(.*?)(?:\s+(?:it|them))?(\s*§\d+§)?$/, "$1$2"))
    .filter((i) => i !== "");
}

function parenOf(item: string, parens: string[]): { words: string; paren?: string } {
  const match = /§(\d+)§/.exec(item);
  const words = item.replace(/§\d+§/g, " ").replace(/\s+/g, " ").trim();
  return match ? { words, paren: parens[Number(match[1])] ?? "" } : { words };
}

/** A plural noun that is not a field word, e.g. "comments", "line items"; its paren lists its fields. */
function entityName(words: string, paren: string | undefined): string | null {
  const parts = words.split(" ");
  const last = parts[parts.length - 1] ?? "";
  if (parts.length > 3 || !isPlural(last) || isFieldWord(words)) return null;
  if (paren !== undefined && !splitItems(paren).some((i) => isFieldWord(i) || /^(?:name|title)$/.test(i))) return null;
  return snakeCase([...parts.slice(0, -1), singularize(last)].join(" ")) || null;
}

function fieldsOf(body: string, parens: string[]): FieldSpec[] {
  return readItems(body, parens).fields;
}

/** Classifies every item of a list; anything it cannot use is kept, word for word, in `unknown`. */
export function readItems(body: string, parens: string[]): Items {
  const out: Items = { fields: [], entities: [], unknown: [] };
  for (const raw of splitItems(body)) {
    const item = parenOf(raw, parens);
    if (item.words === "") continue;
    if (UNSUPPORTED.test(item.words) || item.words.split(" ").length > MAX_ITEM_WORDS) {
      out.unknown.push(item.paren ? `${item.words} (${item.paren})` : item.words);
      continue;
    }
    const entity = entityName(item.words, item.paren);
    if (entity) {
      out.entities.push({ name: entity, fields: item.paren ? fieldsOf(item.paren, []) : [] });
      continue;
    }
    const field = inferField(item);
    if (field) out.fields.push(field);
    else out.unknown.push(item.words);
  }
  return out;
}
