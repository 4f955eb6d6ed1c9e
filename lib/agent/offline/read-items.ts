// Reads the list after "with", ":" or "have": each item is a field ("due date") or a record type ("comments").
import type { FieldSpec } from "./app-spec";
import { rewriteChoices } from "./enum-phrases";
import { holds, MADE_OF, readRelationPhrase } from "./relation-phrases";
import { inferField, isFieldWord } from "./infer-field";
import { isPlural, labelOf, singularize, snakeCase } from "./words";

/**
 * A record type named in a list, with its fields (in parentheses or after "with") and the parent it hangs
 * off; `between` marks a record that joins the two named before it ("loans between them"), `withDefaults`
 * one whose fields are only a grouping ("expenses by category") and so also get the usual ones, `pair` the
 * two it joins when named, `twice` a record it points at twice ("matches between two teams").
 */
export type ItemEntity = { name: string; fields: FieldSpec[]; parent?: string; between?: boolean; pair?: [string, string]; withDefaults?: boolean; twice?: string };
/** A field that points at another record type: "assignee (an agent)" is `assignee_id` → agent. */
export type ItemReference = { field: string; entity: string };
/** Records of another type that each row lists with fields of their own: "products ordered with quantity". */
export type ItemLine = { entity: string; fields: FieldSpec[]; holder?: string };
/** What a list holds; `relations` are items that state a relation ("recipes that use ingredients"). */
export type Items = { fields: FieldSpec[]; entities: ItemEntity[]; references: ItemReference[]; lines: ItemLine[]; relations: string[]; unknown: string[] };

// Features the offline planner cannot build; a phrase asking for one is reported, not guessed at.
const UNSUPPORTED = /\b(?:sync|syncs|export|import|notify|notification|notifications|login|log in|sign ?in|auth|share|sharing|email me|send|sends|remind|reminders?|integrat\w*|(?:take|accept|process|online|card|credit card) payments?|stripe|paypal|upload|uploads|photos?|images?|pictures?|ai|chat|search|calendar|google|slack|pdf|csv|api|realtime|dark mode)\b/;
const MAX_ITEM_WORDS = 12;

/** True for a phrase asking for something the offline planner cannot build (sign-in, sync, uploads, …). */
export function isUnsupported(words: string): boolean {
  return UNSUPPORTED.test(words) && !/\b(?:url|link|links)$/.test(words);
}

/** Splits a list on commas, "and", "&" and "as well as"; parentheses were set aside beforehand. */
export function splitItems(body: string): string[] {
  return body
    .split(/\s*,\s*|\s+and\s+|\s*&\s*|\s+as well as\s+|\s+along with\s+/)
    .map((i) => i.replace(/^(?:(?:and|or|also|a|an|the|some|each|optional|few|several|many|multiple|lots of|a couple of|couple of|various)\s+)+/, "").replace(/^one\s+(?!yes)/, "").replace(/\s+(?:over time|each (?:day|week|month|year)|every (?:day|week|month|year)|per (?:day|week|month|year)|monthly|weekly|daily|yearly)$/, "").trim())
    // "whether I've read it (yes/no)" is the field "read".
    .map((i) => i.replace(/^whether\s+(?:(?:i|we|you|they)(?:ve|\s+have)?\s+|its\s+|it\s+is\s+|it\s+|(?:he|she|they)\s+(?:is|are)\s+)?(.*?)(?:\s+(?:it|them))?(\s*§\d+§)?$/, "$1$2"))
    .filter((i) => i !== "");
}

function parenOf(item: string, parens: string[]): { words: string; paren?: string } {
  const match = /§(\d+)§/.exec(item);
  const words = item.replace(/§\d+§/g, " ").replace(/\s+/g, " ").trim();
  return match ? { words, paren: parens[Number(match[1])] ?? "" } : { words };
}

// "time in seconds", "min players", "number of guests": a measure or a count, not a record type.
const MEASURED = /\b(?:in|per) (?:seconds|minutes|hours|days|weeks|months|years|km|kilometers|kilometres|miles|meters|metres|feet|inches|pounds|lbs|kg|kilograms|grams|liters|litres|dollars|euros|cents|points|calories)$|^(?:min|max|minimum|maximum|number of|no of|total|average|avg|count of|how many)\b/;

/** A plural noun that is not a field word, e.g. "comments", "line items"; its paren lists its fields. */
function entityName(words: string, paren: string | undefined): string | null {
  const parts = words.split(" ");
  const last = parts[parts.length - 1] ?? "";
  const listed = paren === undefined ? [] : splitItems(paren);
  // "an owner (name, phone, address)": a record, as every item listed is a field of its own.
  if (parts.length <= 2 && !isPlural(last) && listed.length >= 2 && listed.every((i) => isFieldWord(i)) && listed.some((i) => /(?:^|\s)(?:name|title|phone|email|address)$/.test(i))) return snakeCase(words) || null;
  if (parts.length > 3 || !isPlural(last) || MEASURED.test(words)) return null;
  // "guests (name, email, rsvp)" lists a record's fields, even when "guests" could be a field word.
  if (listed.length >= 2 && listed.some((i) => isFieldWord(i))) return snakeCase([...parts.slice(0, -1), singularize(last)].join(" ")) || null;
  if (isFieldWord(last)) return null;
  if (paren !== undefined && !listed.some((i) => isFieldWord(i) || /^(?:name|title)$/.test(i))) return null;
  return snakeCase([...parts.slice(0, -1), singularize(last)].join(" ")) || null;
}

// A record's own list, "(name, email, meal: chicken/fish/veg)", may hold lists of choices too.
// A plural noun in a record's own list ("(number, rooms)", "(title, authors)") is a field of it, never
// dropped: a count when it is a count word, else text.
function fieldsOf(body: string): FieldSpec[] {
  const parens: string[] = [];
  const items = readItems(rewriteChoices(body, parens), parens);
  const named = items.entities.filter((e) => e.fields.length === 0 && !e.parent).map((e) => inferField({ words: e.name.replaceAll("_", " ") + "s" }) ?? { name: `${e.name}s`, label: labelOf(`${e.name}s`), type: "text" as const, required: false });
  return [...items.fields, ...named];
}

// "time entries on projects with date", "tenants living in them", "expenses by category", "loans between
// them": a record type, the parent it belongs to (or a field it is kept by), and its first field.
const SEGMENT = /^(.+?)(?:\s+[a-z]+ing)?(?:\s+(for each|for every|for a|for an|for the|per|on|at|in|under|of|from|linked to|belonging to|tied to|attached to|logged against|logged for|recorded for|assigned to|owned by|made by|run by|handled by|done by|brought by|against|for|about|by|between)\s+(?:a |an |the |each |every |one |their )?([a-z]+(?: [a-z]+)?))?(?:(?:\s+(?:with|having|that have|that has|which have|incl|including)\s+|\s*:\s*)(.+))?$/;
const REFERENCE_NAMES: Record<string, string> = { assigned: "assignee", reported: "reporter", created: "creator", owned: "owner", managed: "manager", led: "lead", handled: "handler", requested: "requester" };
const PRONOUNS = /^(?:them|those|these|it|both|the two|each other)$/;
// Words after "for"/"per" that are no record type: "plants for sale", "payments per month".
const NOT_PARENTS = /^(?:sale|rent|hire|free|fun|work|home|now|later|day|week|month|year|hour|minute|night|time|people|someone|anyone|users|visitors|the public|everyone|adoption|review|approval)$/;
// "applications from people": anyone at all is no record type to point at.
const ANYONE = /\s+(?:from|by)\s+(?:people|users|visitors|the public|anyone|someone|strangers)\b/;
const LINE = /^([a-z]+(?: [a-z]+)?) (?:ordered|bought|purchased|included|used|sold|booked|rented)(?: (?:with|and their|and) (.+))?$/;
const MEASURE = /^([a-z]+(?: [a-z]+)?) (?:each|every|per) ([a-z]+) (?:[a-z]+ )?(?:at|on|for|in|per|to) (?:each|every|an?|the) ([a-z]+)$/;
const PREVIOUS = "<previous>";
const REMARKS = /^(?:comments|notes|remarks)$/;
const FOR_ONE = /^([a-z]+(?: [a-z]+|(?: yes\/no))?) (?:for|of|belonging to|linked to) (?:a|an|each|every|the|one) ([a-z]+)$/;
// "pieces they're working on", "tenants living", "books we read": what the record does (or what is done
// with it) is no part of its name; a noun after a preposition or article ("in each building") is no verb.
const DOING = /(?<!\b(?:in|on|at|of|for|per|to|by|each|every|a|an|the))\s+(?:(?:i|we|they|theyre|youre|you)\s+)?(?:are\s+)?\w+ing(?:\s+(?:on|with|at|in))?$|(?<=[a-z]s)\s+(?:that\s+|which\s+)?(?:i|we|they|you)\s+(?:have\s+)?[a-z]+$/;

const singularOf = (words: string) => snakeCase(words.split(" ").map((w, i, all) => (i === all.length - 1 ? singularize(w) : w)).join(" "));

function segmentOf(words: string, paren: string | undefined): ItemEntity[] {
  const made = MADE_OF.exec(words);
  if (made?.[1] && made[2]) {
    const [whole, part] = [entityName(made[1], undefined), entityName(made[2], paren)];
    if (whole && part) return [{ name: whole, fields: [] }, { name: part, fields: paren ? fieldsOf(paren) : [], parent: whole }];
  }
  const match = SEGMENT.exec(words);
  if (!match?.[1] || (match[3] === undefined && match[4] === undefined)) return [];
  // "units in each building (number, bedrooms)": a listed record even when its noun is a field word.
  // "scores with judge, team and comments": a plural with its own fields is a record, even a field word.
  const withOwn = match[4] !== undefined && match[3] === undefined && isPlural(match[1]) && match[1].split(" ").length === 1 ? singularOf(match[1]) : null;
  const listsOwn = match[3] !== undefined && match[4] === undefined && isPlural(match[1].split(" ").pop() ?? "");
  const name = entityName(match[1], listsOwn ? paren : undefined) ?? withOwn;
  if (!name) return [];
  const first = match[4] !== undefined ? inferField(paren !== undefined ? { words: match[4], paren } : { words: match[4] }) : null;
  // "players on each team (name, number)": the parenthesised list is the record's own.
  const fields = first ? [first] : paren !== undefined ? fieldsOf(paren) : [];
  const [prep, target] = [match[2] ?? "", match[3] ?? ""];
  if (prep === "by") {
    const kept = inferField({ words: target });
    return [{ name, fields: kept ? [kept, ...fields] : fields, withDefaults: true }];
  }
  if (prep === "between") {
    const two = /^(?:two|2)\s+([a-z]+)$/.exec(target);
    if (two?.[1]) return [{ name, fields, twice: singularOf(two[1]) }];
    return PRONOUNS.test(target) ? [{ name, fields, between: true }] : [];
  }
  if (!target || NOT_PARENTS.test(target)) return [{ name, fields }];
  return [{ name, fields, parent: PRONOUNS.test(target) ? PREVIOUS : singularOf(target) }];
}

/**
 * Classifies every item of a list; anything it cannot use is kept, word for word, in `unknown`. An item
 * such as "deals linked to a contact with value" opens a record type that the next fields belong to.
 */
export function readItems(body: string, parens: string[]): Items {
  const out: Items = { fields: [], entities: [], references: [], lines: [], relations: [], unknown: [] };
  let open: ItemEntity | null = null;
  for (const raw of splitItems(body)) {
    // "their lessons", "what pieces they're working on": records of the record named before.
    const ownedBy = /^(?:their|its|his|her)\s+|^(?:what|which)\s+(?=([a-z]+)\b)/.exec(raw);
    const owned = ownedBy !== null && (ownedBy[1] === undefined || (isPlural(ownedBy[1]) && !isFieldWord(ownedBy[1])));
    const item = parenOf((owned ? raw.slice(ownedBy?.[0].length ?? 0) : raw).replace(ANYONE, ""), parens);
    if (item.words === "") continue;
    // "assignee (an agent)", "assigned to (team members)": a field that points at a record.
    const reference = /^(?:(?:a|an|the|one|some)\s+)?([a-z]+(?: [a-z]+)?)$/.exec(item.paren ?? "");
    const refWords = reference?.[1] ?? "";
    if (refWords && !isFieldWord(refWords) && (/^(?:a|an|the|one|some)\s/.test(item.paren ?? "") || isPlural(refWords.split(" ").pop() ?? ""))) {
      const named = snakeCase(item.words.replace(/\s+(?:to|by)$/, ""));
      out.references.push({ field: `${REFERENCE_NAMES[named] ?? named}_id`, entity: singularOf(refWords) });
      continue;
    }
    // "products ordered with quantity"
    const line = LINE.exec(item.words);
    const lineEntity = line?.[1] ? entityName(line[1], undefined) : null;
    if (line && lineEntity) {
      out.lines.push({ entity: lineEntity, fields: line[2] ? fieldsOf(line[2]) : [], ...(open ? { holder: open.name } : {}) });
      continue;
    }
    // "hours each volunteer worked at each event": a record joining two, holding the measure.
    const measure = MEASURE.exec(item.words);
    if (measure?.[1] && measure[2] && measure[3]) {
      const [a, b] = [singularOf(measure[2]), singularOf(measure[3])];
      const field = inferField({ words: measure[1] });
      out.entities.push({ name: `${a}_${b}`, fields: field ? [field] : [], between: true, pair: [a, b] });
      continue;
    }
    // "how often it needs water", "when they borrowed it": a field said as a question, never a relation.
    const asked = /^(?:how|when|where|who)\b/.test(item.words) ? inferField(item) : null;
    if (asked) {
      (open ? open.fields : out.fields).push(asked);
      continue;
    }
    if (isUnsupported(item.words) || item.words.split(" ").length > MAX_ITEM_WORDS) {
      out.unknown.push(item.paren ? `${item.words} (${item.paren})` : item.words);
      continue;
    }
    const previous = out.entities[out.entities.length - 1]?.name;
    const segments = segmentOf(item.words.replace(DOING, ""), item.paren)
      .map((e) => (e.parent === PREVIOUS ? { ...e, ...(previous ? { parent: previous } : { parent: undefined }) } : e));
    const last = segments[segments.length - 1];
    if (last) {
      out.entities.push(...segments);
      open = last.fields.length > 0 ? last : null;
      continue;
    }
    // "status (draft, sent, paid) for a client" in an invoice's list: a field of the invoice, and its client.
    const forOne = open ? FOR_ONE.exec(item.words) : null;
    const ownField = forOne?.[1] && forOne[2] && !isPlural(forOne[1].split(" ").pop() ?? "") ? inferField({ words: forOne[1], ...(item.paren !== undefined ? { paren: item.paren } : {}) }) : null;
    if (open && forOne?.[2] && ownField) {
      const parent = singularOf(forOne[2]);
      open.fields.push(ownField, { name: parent, label: labelOf(parent), type: "text", required: false });
      continue;
    }
    // "recipes that use ingredients": a relation said inside a list.
    const relation = readRelationPhrase(item.words);
    if (relation && holds(relation, (t) => entityName(t, undefined) !== null)) {
      out.relations.push(raw);
      continue;
    }
    // "… with a score and comments": inside a record's own list, comments are a field of it.
    if (open && REMARKS.test(item.words)) {
      open.fields.push({ name: item.words, label: labelOf(item.words), type: "text", required: false });
      continue;
    }
    const entity = entityName(item.words.replace(DOING, ""), item.paren);
    if (entity) {
      const subject = out.entities[0]?.name;
      out.entities.push({ name: entity, fields: item.paren ? fieldsOf(item.paren) : [], ...(owned && subject ? { parent: subject } : {}) });
      open = null;
      continue;
    }
    const field = inferField(item);
    if (field) (open ? open.fields : out.fields).push(field);
    else out.unknown.push(item.words);
  }
  return out;
}
