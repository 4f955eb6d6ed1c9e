import type { FieldSpec } from "./app-spec";
import { inferField } from "./infer-field";

// Relations the way people say them: "each deal belongs to a contact", "owners have pets", "tasks are
// assigned to members", "members borrow books", "students enroll in courses", "posts can have many tags
// and a tag can be on many posts". Each reading adds entities, foreign keys and join entities to a draft.

/**
 * What a relation clause says: `child.parent_id`, a join entity between two, or a many-to-many pair, with
 * the rest of the clause. `plural` marks a reading that holds only if the child is a plural record noun.
 */
export type RelationReading =
  | { kind: "belongs"; child: string; parent: string; rest: string; plural?: boolean }
  | { kind: "join"; left: string; right: string; join: string; rest: string }
  | { kind: "many"; left: string; right: string; rest: string; fields?: string[] };

const Q = "(?:each|every|a|an|one|the|all|any|some|many|multiple|several|which|what|whichever)";
const WORD = "(?!(?:has|have|is|are|was|were|with|a|an|the|and|or|can|will|to|of)\\b)[a-z][a-z_-]*";
const NOUN = `(${WORD}(?: ${WORD}){0,2}?)`;
const TAIL = "(?:\\s*(?:,\\s*)?(?:\\band\\b\\s+|\\bwho\\b\\s+|\\bthat\\b\\s+|\\bwhich\\b\\s+)?(?:(?:they|it|each)\\s+)?((?:has|have|with|having|includes?|contains?|and|when|plus)\\b.*))?$";
const MANY = "(?:many|several|multiple|lots of|a lot of|a few|some|one or more|any number of|a list of|a bunch of|a set of|a series of|a collection of|their own|its own|own|their|its)";

const BELONGS = new RegExp(`^(?:${Q}\\s+)?${NOUN}\\s+(?:(?:can|must|should|will|may)\\s+)?(?:always\\s+)?(?:belongs?|belonging|is linked|are linked|linked|is attached|are attached|is tied|are tied|is for|are for|is part of|are part of|goes|go|is under|are under|is connected|are connected|is associated|are associated|is assigned|are assigned|assigned|gets assigned|get assigned|is owned|are owned|owned|is made|are made|is written|are written|written|is created|are created|is taken|are taken|is done|are done|is placed|are placed|placed|is logged|are logged|is booked|are booked|is given|are given|is handled|are handled|handled|is about|are about|is at|are at|happens at|happen at|takes place at|take place at|is by|are by|is from|are from|comes from|come from|is run by|are run by|is led by|are led by|is taught by|are taught by|is invited|are invited|invited)\\s+(?:to|by|with|for|under|of|in)?\\s*(?:${Q}\\s+)?${NOUN}${TAIL}`);
const GETS_ASSIGNED = new RegExp(`^(?:${Q}\\s+)?${NOUN}\\s+(?:get|gets|are given|is given|receive|receives|have|has|take on|takes on)\\s+(?:${Q}\\s+)?${NOUN}\\s+(?:assigned|allocated|given)(?:\\s+to\\s+(?:them|him|her|it))?${TAIL}`);
// "customers and their orders"
const POSSESSIVE = new RegExp(`^(?:${Q}\\s+)?${NOUN}\\s+(?:and|with|plus|along with|&)\\s+(?:their|its|his|her)\\s+${NOUN}${TAIL}`);
const HAS_MANY = new RegExp(`^(?:${Q}\\s+)?${NOUN}\\s+(?:(?:can|will|may|should)\\s+)?(?:has|have|contain|contains|include|includes|hold|holds|own|owns|manage|manages|keep|keeps|run|runs|employ|employs|get|gets)\\s+${MANY}?\\s*${NOUN}${TAIL}`);
const OF_EACH = new RegExp(`^${NOUN}\\s+(?:for|of|per|under|in|on|within|inside|from)\\s+(?:each|every|a|an|one|the)\\s+${NOUN}${TAIL}`);
const M2M = new RegExp(`^(?:${Q}\\s+)?${NOUN}\\s+(?:can|may|could)?\\s*(be in|be on|belong to|have|be part of|be tagged with|be linked to|be assigned to|be in several|appear in|be shared by|${WORD}(?: in| on| to| for)?)\\s+${MANY}\\s+${NOUN}\\s*(?:,\\s*)?(?:and|but|while|&)\\s+(?:${Q}\\s+)?${NOUN}\\s+(?:can|may|could)?\\s*(?:have|has|holds?|contains?|includes?|be in|be on|belong to|be used by|be shared by|be part of|appear in)\\s+${MANY}\\s*${NOUN}${TAIL}`);
const M2M_WORDS = new RegExp(`^${NOUN}\\s+(?:and|&)\\s+${NOUN}\\s+(?:are|is)?\\s*(?:linked|related|connected)?\\s*(?:many[- ]to[- ]many|n:m|m:n)${TAIL}`);

// Verbs that make a record of their own between two others: "members borrow books" is a loan.
const VERB_JOINS: [RegExp, string, string[]][] = [
  [/^(?:borrow|borrows|borrowed|check out|checks out|checked out|lend|lends|lent|loan|loans|loaned)$/, "loan", ["borrowed on (date)", "due date", "returned (yes/no)"]],
  [/^(?:rent|rents|rented|hire|hires|hired)$/, "rental", ["start date", "end date", "price"]],
  [/^(?:book|books|booked|reserve|reserves|reserved|schedule|schedules|scheduled)$/, "booking", ["date", "time", "notes"]],
  [/^(?:attend|attends|attended|go to|goes to|went to|rsvp to|rsvps to|rsvp for|rsvps for|come to|comes to)$/, "rsvp", ["status (going, maybe, not going)"]],
  [/^(?:enroll in|enrolls in|enrolled in|enrol in|enrols in|take|takes|took|study|studies)$/, "enrollment", ["enrolled on (date)", "grade"]],
  [/^(?:register for|registers for|registered for|sign up for|signs up for|signed up for|volunteer for|volunteers for)$/, "signup", ["signed up on (date)", "confirmed (yes/no)"]],
  [/^(?:join|joins|joined|subscribe to|subscribes to|subscribed to)$/, "membership", ["joined on (date)"]],
  [/^(?:buy|buys|bought|order|orders|ordered|purchase|purchases|purchased)$/, "purchase", ["quantity", "date", "price"]],
  [/^(?:review|reviews|reviewed|rate|rates|rated)$/, "review", ["rating 1-5", "comment"]],
  [/^(?:visit|visits|visited)$/, "visit", ["date", "notes"]],
  [/^(?:play|plays|played|compete in|competes in|competed in)$/, "participation", ["score", "date"]],
  [/^(?:work on|works on|worked on|contribute to|contributes to)$/, "contribution", ["role", "hours"]],
  [/^(?:submit|submits|submitted|turn in|turns in|hand in|hands in|complete|completes|completed)$/, "submission", ["submitted on (date)", "grade"]],
  [/^(?:read|reads)$/, "reading", ["started on (date)", "finished (yes/no)"]],
  [/^(?:apply to|applies to|applied to|apply for|applies for|applied for)$/, "application", ["applied on (date)", "status (applied, interview, offer, rejected)"]],
  [/^(?:use|uses|used|need|needs|require|requires|call for|calls for)$/, "*", ["quantity"]],
  [/^(?:adopt|adopts|adopted|own|owns|owned|post|posts|posted|publish|publishes|published|write|writes|wrote|create|creates|created|run|runs|manage|manages|host|hosts|lead|leads|teach|teaches|sell|sells|offer|offers|list|lists)$/, "", []],
];
const VERBS = VERB_JOINS.flatMap(([pattern]) => pattern.source.slice(4, -2).split("|")).sort((a, b) => b.length - a.length).join("|");
const VERB_CLAUSE = new RegExp(`^(?:${Q}\\s+)?${NOUN}\\s+(?:(?:can|will|may|should|to|want to|need to|get to|who)\\s+)?(${VERBS})\\s+(?:${Q}\\s+)?${NOUN}${TAIL}`);

/** The usual fields of a record a verb makes ("loan": borrowed on, due date, returned), or none. */
export function joinFields(join: string): FieldSpec[] {
  return fieldsFrom(VERB_JOINS.find(([, name]) => name === join)?.[2] ?? []);
}

/** Fields from short descriptions such as "due date" or "returned (yes/no)". */
export function fieldsFrom(fields: string[]): FieldSpec[] {
  return fields.flatMap((text) => {
    const match = /^(.*?)\s*\((.*)\)$/.exec(text);
    return inferField(match ? { words: match[1] ?? "", paren: match[2] ?? "" } : { words: text }) ?? [];
  });
}

// Words that end a noun group and start the rest: "books and when it's due back".
const cut = (noun: string) => noun.replace(/\b(?:and|with|from|when|who|that|which)\b.*$/, "").trim();

/** "workouts made of sets", "orders made up of line items": the second belongs to the first. */
export const MADE_OF = /^(.+?)\s+(?:made (?:up )?of|consisting of|composed of|broken (?:down )?into|split into|divided into)\s+(.+)$/;

/** False for a "has" reading whose "child" is no record type ("tools have name, condition"). */
export function holds(reading: RelationReading, isRecordNoun: (text: string) => boolean): boolean {
  return !(reading.kind === "belongs" && reading.plural && !isRecordNoun(reading.child));
}

/** How one clause relates record types, or null when it states no relation. */
export function readRelationPhrase(clause: string): RelationReading | null {
  const text = clause.replace(/\s+/g, " ").trim();
  const m2m = M2M.exec(text) ?? null;
  if (m2m) {
    const joined = VERB_JOINS.find(([pattern, name]) => name !== "" && pattern.test(m2m[2] ?? ""));
    const [left, right] = [cut(m2m[1] ?? ""), cut(m2m[3] ?? "")];
    return joined ? { kind: "join", left, right, join: joined[1], rest: m2m[6] ?? "" } : { kind: "many", left, right, rest: m2m[6] ?? "" };
  }
  const words = M2M_WORDS.exec(text);
  if (words) return { kind: "many", left: cut(words[1] ?? ""), right: cut(words[2] ?? ""), rest: words[3] ?? "" };
  const verb = VERB_CLAUSE.exec(text);
  if (verb?.[1] && verb[2] && verb[3]) {
    const [, subject, said, object] = verb;
    const entry = VERB_JOINS.find(([pattern]) => pattern.test(said ?? ""));
    if (entry && entry[1] === "") return { kind: "belongs", child: cut(object), parent: cut(subject), rest: verb[4] ?? "", plural: true };
    if (entry && entry[1] === "*") return { kind: "many", left: cut(subject), right: cut(object), rest: verb[4] ?? "", fields: entry[2] };
    if (entry) return { kind: "join", left: cut(subject), right: cut(object), join: entry[1], rest: verb[4] ?? "" };
  }
  const possessive = POSSESSIVE.exec(text);
  if (possessive?.[1] && possessive[2]) return { kind: "belongs", child: cut(possessive[2]), parent: cut(possessive[1]), rest: possessive[3] ?? "", plural: true };
  const assigned = GETS_ASSIGNED.exec(text);
  if (assigned?.[1] && assigned[2]) return { kind: "belongs", child: cut(assigned[2]), parent: cut(assigned[1]), rest: assigned[3] ?? "" };
  const belongs = BELONGS.exec(text);
  if (belongs?.[1] && belongs[2]) return { kind: "belongs", child: cut(belongs[1]), parent: cut(belongs[2]), rest: belongs[3] ?? "" };
  const ofEach = OF_EACH.exec(text);
  if (ofEach?.[1] && ofEach[2]) return { kind: "belongs", child: cut(ofEach[1]), parent: cut(ofEach[2]), rest: ofEach[3] ?? "" };
  // "each member has a plan" names one thing (a field, or a parent); only "has many"/"have pets" is a relation.
  const many = HAS_MANY.exec(text);
  const one = /\b(?:has|have|gets?|owns?)\s+(?:a|an|one|its|their|exactly one|only one)\s(?!(?:list|lot|few|bunch|set|number|couple|series|collection) of\b)/.test(text);
  if (many?.[1] && many[2] && !one) return { kind: "belongs", child: cut(many[2]), parent: cut(many[1]), rest: many[3] ?? "", plural: true };
  return null;
}
