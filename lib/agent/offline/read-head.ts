// The head of a clause, the words before its list: which record type and which kind of app it names
// ("a todo app" → todo, app; "an app for my coffee shop" → no record type; "a list of books" → book).
import { APP_KINDS } from "./entity-defaults";
import { isPlural, singularize, snakeCase } from "./words";

/** Request words before what is asked for: "i want to build", "track", "i'm a". */
export const VERBS = /^(?:(?:im|i am|we are|were|i m)\s+(?:an?\s+)?)?(?:(?:i|we|you)\s+)?(?:(?:want|need|would like|wanna|d like|like|could you|can you|help|lets|let s|can|could|will|should|must|may|be able to|am going to)\s+)*(?:to\s+)?(?:(?:build|make|create|have|get|give|design|log|track|manage|keep track of|keep|record|store|organi[sz]e|list|plan|write|run|collect|save|monitor|follow|set up|setup|see|show|handle|coordinate|schedule|add|enter|input|browse|view|sell|book|host|teach|coach|hold|throw)\s+)*/;
/** Articles and quantifiers in front of a noun. */
export const ARTICLES = /^(?:(?:an?|the|each|every|of|for|all|about|us|new|own|personal|family|which|what)\s+)+/;
/** Organisations an app is for ("a dog walking business"); in a relation they are record types again. */
export const ORG_KINDS = new Set([
  "business", "company", "club", "clinic", "agency", "studio", "practice", "salon", "restaurant", "cafe", "bakery", "farm", "office", "team",
  "band", "school", "household", "family", "group", "shop", "store", "startup", "nonprofit", "charity", "church", "league", "firm",
]);
// Kinds that only say "an app": stripped from the end of a head before a kind word such as "tracker".
const GENERIC_KINDS = new Set([
  "app", "apps", "application", "tool", "system", "platform", "site", "website", "portal", "program", "software", "thing", "webapp", "service",
  "chart", "board", "sheet", "spreadsheet", "dashboard", "organizer", "organiser", "helper", "assistant", ...ORG_KINDS,
]);

// Words that are never part of a record type's name.
const STOP_WORDS = new Set(["of", "for", "to", "in", "on", "a", "an", "the", "and", "my", "our", "all", "that", "which", "where", "app", "simple", "basic", "small"]);

// Words that never name a record type: "make it pop", "improve this", "fix the look of things".
const VAGUE_WORDS = new Set([
  "it", "its", "this", "these", "those", "them", "they", "something", "anything", "everything", "stuff", "thing", "things",
  "look", "feel", "better", "nicer", "prettier", "faster", "pop", "work", "good", "great", "way", "place", "someone", "people",
]);

/** "a list of …": the kind of app first, its records after "of". */
export const KIND_OF = /^(list|log|collection|database|catalog|catalogue|inventory|directory|registry|journal|diary|record|archive|library|tracker)s?\s+of\s+/;
// "the houseplants i own", "books we sell": the words after the noun say nothing of its fields.
const RELATIVE = /\s+(?:that |which |who )?(?:i|we|you|they|people)\s+(?:\w+\s+)?\w+$/;
const NOT_GERUNDS = new Set(["building", "clothing", "listing", "meeting", "painting", "recording", "booking", "wedding", "filling", "setting", "offering", "saving", "savings", "reading", "drawing", "housing", "bedding", "pudding", "serving", "ring", "thing", "string", "spring", "king", "wing", "ceiling", "earring"]);

// "an app for my coffee shop", "a tracker for the team": the app is for them; they are not its records.
const FOR_WHOM = /^(.*?\b(?:app|apps|application|tool|system|platform|site|website|tracker|manager|planner|crm|database|portal|dashboard))\s+for\s+.*$/;
// "birthdays of friends and family": the records are the friends, the birthday one of their fields.
const FIELD_OF = /^(birthdays?|addresses|phone numbers|contact details|scores|grades)\s+of\s+([a-z]+).*$/;
// "who owes me money", "IOUs": what is kept is a debt.
const DEBTS = /^(?:who|people who|friends who)\s+owes?\s+(?:me\s+|us\s+)?(?:money|cash)$|^ious?$|^money (?:i am|im|i m) owed$/;

/** What a head names: a record type, a kind of app, the app's label, whether a verb came first, and whether the noun was plural. */
export type Head = { noun: string | null; kind: string | null; label: string; hadVerb: boolean; plural: boolean };

/** The record type and the app kind a head names: "a todo app" → todo, app; "job application tracker" → job_application, tracker. */
export function readHead(head: string): Head {
  const text = `${head.trim()} `; // the patterns end each word with a space
  const hadVerb = (VERBS.exec(text)?.[0].length ?? 0) > 0;
  const rest = text.replace(VERBS, "").replace(ARTICLES, "").replace(/§\d+§/g, "").trim().replace(DEBTS, "debt").replace(RELATIVE, "")
    .replace(FOR_WHOM, "$1").replace(FIELD_OF, "$2").replace(/^(?:daily|weekly|monthly|yearly|annual|personal|shared|team|new)\s+(?=\w)/, "");
  const words = rest.split(" ").filter((w) => /^[a-z][a-z0-9_-]*$/.test(w));
  // "a list of books", "a log of workouts": the kind comes first, the records after "of".
  const kindOf = KIND_OF.exec(rest);
  const nouns = (kindOf ? rest.slice(kindOf[0].length).split(" ") : words).filter((w) => /^[a-z][a-z0-9_-]*$/.test(w) && !STOP_WORDS.has(w));
  let kind: string | null = kindOf?.[1] ?? null;
  while (nouns.length > 0 && GENERIC_KINDS.has(nouns[nouns.length - 1] ?? "")) kind = nouns.pop() ?? kind;
  if (nouns.length > 0 && APP_KINDS.has(nouns[nouns.length - 1] ?? "")) kind = nouns.pop() ?? kind;
  if (kind === null) kind = words.find((w) => APP_KINDS.has(w)) ?? null;
  // "apartment hunting", "meal planning": the thing hunted or planned is the record.
  if (nouns.length >= 2 && /ing$/.test(nouns[nouns.length - 1] ?? "") && !NOT_GERUNDS.has(nouns[nouns.length - 1] ?? "")) nouns.pop();
  const last = nouns.some((w) => VAGUE_WORDS.has(w)) ? undefined : nouns[nouns.length - 1];
  const noun = last && nouns.length <= 3 ? snakeCase([...nouns.slice(0, -1), singularize(last)].join(" ")) || null : null;
  const named = words.filter((w) => !/^(?:app|apps|application|webapp)$/.test(w) && !STOP_WORDS.has(w));
  const label = named.length === 1 && (named[0]?.length ?? 0) <= 3 && APP_KINDS.has(named[0] ?? "") ? (named[0] ?? "").toUpperCase() : named.join(" ");
  return { noun, kind, label: label.charAt(0).toUpperCase() + label.slice(1), hadVerb, plural: last !== undefined && isPlural(last) };
}
