// A field as people describe it ("when it's due back", "how much it cost", "cooking time in minutes",
// "a link to the posting") reduced to the words that name it, with the type or unit the phrase implies.
import type { FieldType } from "./app-spec";

/** The naming words of a field phrase, a type the phrase settles, and a unit for its label. */
export type FieldPhrase = { words: string; type?: FieldType; unit?: string };

const PRONOUN = "(?:it|they|he|she|i|we|you|its|theyre|hes|shes|it is|they are|it was|they were)";
const UNITS: Record<string, FieldType> = {
  minutes: "integer", mins: "integer", min: "integer", hours: "real", hrs: "real", days: "integer", weeks: "integer",
  months: "integer", years: "integer", seconds: "integer", secs: "integer", km: "real", kilometers: "real", miles: "real",
  kg: "real", kilos: "real", sqm: "real", m2: "real", sqft: "real", ft: "real", feet: "real", inches: "real", yards: "real", lbs: "real", pounds: "real", grams: "real", g: "real", meters: "real", m: "real", cm: "real", litres: "real", liters: "real",
  dollars: "money", euros: "money", usd: "money", eur: "money", gbp: "money", "$": "money", "€": "money", "£": "money", percent: "real", "%": "real",
};
const UNIT_WORDS = Object.keys(UNITS).filter((u) => /^[a-z]+$/.test(u)).join("|");
const SENTENCE_TAIL = /\s+(?:if any|if applicable|etc|and so on|and stuff|for each (?:one|of them)|for it|for them|of it|of them|per (?:item|entry|row)|too|as well|(?:who|that|which|whom|where|i|we|they) .*)$/;
const PER = /^(.*?)\s+(?:per|a|each|every|\/)\s*(month|week|year|day|night|hour|visit|session|person|unit|item)$/;

// Phrase shapes, first match wins; $1 etc. are the captured words.
const SHAPES: [RegExp, (m: RegExpExecArray) => FieldPhrase][] = [
  [new RegExp(`^when ${PRONOUN}?\\s*(?:is |are |was |were )?due(?: back| date)?$`), () => ({ words: "due date", type: "date" })],
  [new RegExp(`^when ${PRONOUN}?\\s*(?:should|must|has to|have to|needs? to|will) (?:be )?(?:give|bring|hand|return|send|returned|given|brought|handed) ?(?:it |them )?(?:back)?$`), () => ({ words: "due date", type: "date" })],
  [new RegExp(`^when ${PRONOUN}?\\s*(?:is |are |was |were |got |get )?(last )?([a-z]+ed)(?: (?:back|on|in|out|it|them))?$`), (m) => ({ words: m[1] ? `last ${m[2]}` : `${m[2]} on`, type: "date" })],
  [new RegExp(`^when ${PRONOUN}?\\s*(?:is |are |will |starts?|happens?)?\\s*(.*)$`), (m) => ({ words: m[1] ? `${m[1]} date` : "date", type: "date" })],
  [new RegExp(`^(?:the )?(?:date|day) (?:${PRONOUN} )?(?:was |were |got )?([a-z]+ed)(?: (?:on|in|out|back))?$`), (m) => ({ words: `${m[1]} on`, type: "date" })],
  [new RegExp(`^how much (?:${PRONOUN} )?(?:did |does |do )?(?:${PRONOUN} )?(?:costs?|paid|pay|spent|spend|owe|owed|charged?)?$`), () => ({ words: "cost", type: "money" })],
  [/^how much (.+?)(?: (?:i|we|they|it) \w+)?$/, (m) => ({ words: m[1] ?? "amount", type: "real" })],
  [/^how many (.+?)(?: (?:i|we|they|it|there) \w+(?: \w+)?)?$/, (m) => ({ words: m[1] ?? "count", type: "integer" })],
  [new RegExp(`^how often (?:to |do |should |must )?(?:${PRONOUN} )?(?:i |we )?(?:needs? (?:to be )?|has to be |gets? )?([a-z]+)(?: (?:it|them))?(?: in (${UNIT_WORDS}))?$`), (m) => ({ words: `${m[1]} every ${m[2] ?? "days"}`, type: "integer", unit: m[2] ?? "days" })],
  [new RegExp(`^how long(?: ${PRONOUN})?(?: (?:takes?|took|lasts?|lasted))?(?: in (${UNIT_WORDS}))?$`), (m) => ({ words: "duration", type: "integer", unit: m[1] ?? "minutes" })],
  [/^what (?:was|is|got|were|gets) (?:done|fixed|changed)$/, () => ({ words: "work done", type: "text" })],
  [/^how (?:i|we|you|they|he|she) (?:felt|feel|feels|liked it|rate it)$/, () => ({ words: "feeling", type: "enum" })],
  [/^who (won|lost|paid|hosted|scored|cooked|drove|brought it)$/, (m) => ({ words: ({ won: "winner", lost: "loser", paid: "payer", hosted: "host", scored: "scorer", cooked: "cook", drove: "driver" } as Record<string, string>)[m[1] ?? ""] ?? "person", type: "text" })],
  [/^(?:which|what) (?!(?:i|im|we|were|they|theyre|you|he|she|it)\b)([a-z]+(?: [a-z]+)?)$/, (m) => ({ words: m[1] ?? "" })],
  [/^what (?:i|im|i m|i am|we|were|we are|they|theyre|they are)(?: (?:am|was|were|are|feel|felt))? (.+)$/, (m) => ({ words: m[1] ?? "", type: "text" })],
  [/^([a-z]+) (?:sold|bought|purchased|used|ordered|eaten|watched|played|borrowed|rented)$/, (m) => ({ words: m[1] ?? "" })],
  [/^where (?:to |can i |i can |do i |we can )?([a-z]+)(?: (?:it|them))?$/, (m) => ({ words: `where to ${m[1]}`, type: "text" })],
  [/^where (?:it|they|he|she) (?:is|are|lives?|sits?|stays?|goes|go|is kept|are kept|is stored|are stored)\b.*$/, () => ({ words: "location", type: "text" })],
  [/^(?:a |the )?(?:link|url|website) (?:to|of|for) (?:the |their |its |a )?([a-z ]+)$/, (m) => ({ words: `${m[1]} url`, type: "url" })],
  [/^(?:the )?(?:number|no|count|#|amount) of (?:the )?([a-z]+)$/, (m) => ({ words: `${singular(m[1] ?? "")} count`, type: "integer" })],
  [/^(?:the )?(date|place|year|time|country|city|type|kind|category|name|number|method|mode|length|size|level|source|reason|cost|price|amount|duration|frequency) of ([a-z]+(?: [a-z]+)?)$/, (m) => ({ words: `${m[2]} ${m[1]}` })],
  [/^([a-z]+) every (?:x |n |few |how many |\d+ )?(days|weeks|months|hours)$/, (m) => ({ words: `${m[1]} every ${m[2]}`, type: "integer", unit: m[2] })],
  [/^(?:the )?([a-z]+(?: [a-z]+)?) (?:of|for|on|in) (?:the|each|every|a|an|this|that|my|our) [a-z]+(?: [a-z]+)?$/, (m) => ({ words: m[1] ?? "" })],
];

function singular(word: string): string {
  if (word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  return word.endsWith("s") && !word.endsWith("ss") ? word.slice(0, -1) : word;
}

/** The words that name the field in `phrase` (already lower-case, without articles in front). */
export function readFieldPhrase(phrase: string): FieldPhrase {
  // "we note when they should give it back": the field is what is noted.
  const noted = phrase.trim().replace(/^(?:we|i) (?:note|record|track|log|write down|keep track of|want to know|want to see) (?=\w+ )/, "");
  const shaped = readShape(noted);
  if (shaped.words !== noted || shaped.type) return shaped;
  return readShape(noted.replace(SENTENCE_TAIL, "").trim());
}

function readShape(phrase: string): FieldPhrase {
  let words = phrase;
  let unit: string | undefined;
  let type: FieldType | undefined;
  const per = PER.exec(words);
  if (per?.[1]) {
    words = per[1];
    unit = `per ${per[2]}`;
  }
  const unitMatch = new RegExp(`^(.*?)\\s+(?:in|as|\\(in)\\s+(${UNIT_WORDS})\\)?$`).exec(words) ?? /^(.*?)\s*(\$|€|£|%)$/.exec(words) ?? /^(\$|€|£)\s*(.*)$/.exec(words);
  if (unitMatch) {
    const [, a = "", b = ""] = unitMatch;
    const [name, u] = a in UNITS ? [b, a] : [a, b];
    words = name;
    unit = u;
    type = UNITS[u];
  }
  for (const [shape, read] of SHAPES) {
    const m = shape.exec(words);
    if (m) {
      const found = read(m);
      return { ...found, words: found.words.trim(), ...(unit && !found.unit ? { unit } : {}), ...(type && !found.type ? { type } : {}) };
    }
  }
  return { words, ...(type ? { type } : {}), ...(unit ? { unit } : {}) };
}
