// Turns one item of a list ("due date", "rating 1-5", "category (food, rent)") into a typed field.
import type { FieldSpec, FieldType } from "./app-spec";
import { labelOf, snakeCase } from "./words";

// Checked in this order: a word earlier in the list wins, so "phone number" is text, not integer.
const WORD_TYPES: [FieldType, RegExp][] = [
  ["text", /^(?:phone|mobile|tel|sku|zip|postcode|isbn|code|address|name|title|author|notes?|description|instructions|directions|bio|body|content|summary|details|sets?_of)$/],
  ["email", /^e_?mails?$/],
  ["url", /^(?:url|urls|website|site|link|links|homepage|webpage)$/],
  ["datetime", /^(?:time|timestamp|datetime|at)$/],
  ["date", /^(?:date|dates|due|deadline|birthday|dob|day|when|born|started|ended|start|end|expiry|expires)$/],
  ["money", /^(?:amount|price|cost|costs|salary|budget|total|revenue|fee|fees|balance|income|expense|spend|spent|paid_amount|value|wage|rent)$/],
  ["boolean", /^(?:done|completed|complete|finished|read|active|paid|archived|published|favorite|favourite|enabled|visible|private|watched|checked|verified|available)$/],
  ["integer", /^(?:count|quantity|qty|pages|page|reps|sets|age|rating|ratings|stars|number|stock|year|calories|duration|minutes|hours|servings|views|likes|points|size_count|floor|seats|level|rank|votes|laps|steps_count|inventory)$/],
  ["real", /^(?:weight|score|height|distance|temperature|temp|percent|percentage|latitude|longitude|lat|lng|km|miles|kg|lbs|speed|bmi)$/],
  ["enum", /^(?:stage|status|category|priority|type|kind|state|mood|difficulty|severity|genre|frequency|tier|plan|role|condition)$/],
];

const ENUM_DEFAULTS: Record<string, string[]> = {
  priority: ["low", "medium", "high"],
  status: ["todo", "in progress", "done"],
  stage: ["lead", "qualified", "proposal", "won", "lost"],
  state: ["open", "closed"],
  mood: ["great", "good", "okay", "bad"],
  difficulty: ["easy", "medium", "hard"],
  severity: ["low", "medium", "high", "critical"],
  frequency: ["daily", "weekly", "monthly"],
  tier: ["free", "pro", "enterprise"],
  plan: ["free", "pro", "enterprise"],
  role: ["member", "admin"],
  condition: ["new", "good", "worn"],
};
const GENERIC_OPTIONS = ["general", "other"];

const BOOLEAN_HINT = /^(?:yes\s*\/\s*no|y\s*\/\s*n|true\s*\/\s*false|yes or no|bool(?:ean)?|checkbox|check ?box|tick)$/;
const RANGE = /\b(?:from\s+)?(\d+)\s*(?:-|–|to)\s*(\d+)\b|\bout of \d+\b|\b\d+\s*stars?\b/;
const EXPLICIT_TYPES: Record<string, FieldType> = {
  text: "text", string: "text", number: "real", integer: "integer", int: "integer", decimal: "real",
  date: "date", datetime: "datetime", time: "datetime", money: "money", currency: "money", email: "email",
  url: "url", link: "url", boolean: "boolean",
};

/** A field item: its words, and the text that was in parentheses after it, if any. */
export type FieldItem = { words: string; paren?: string };

function typeOfWords(name: string): FieldType | undefined {
  const words = name.split("_");
  if (/^(?:is|has|can|was)_/.test(name)) return "boolean";
  if (name.endsWith("_at")) return "datetime";
  const last = words[words.length - 1] ?? "";
  for (const [type, pattern] of WORD_TYPES) if (pattern.test(last)) return type;
  for (const [type, pattern] of WORD_TYPES) if (words.some((w) => pattern.test(w))) return type;
  return undefined;
}

// Parenthesised text after a field: "yes/no", "1-5", "date", "optional", or a list of choices.
function applyParen(field: FieldSpec, paren: string): FieldSpec {
  const text = paren.trim().toLowerCase();
  if (BOOLEAN_HINT.test(text)) return { ...field, type: "boolean" };
  if (RANGE.test(text)) return { ...field, type: "integer" };
  if (EXPLICIT_TYPES[text]) return { ...field, type: EXPLICIT_TYPES[text] };
  if (text === "required" || text === "optional") return { ...field, required: text === "required" };
  const options = text.split(/\s*(?:,|\/|\bor\b|\band\b)\s*/).map((o) => o.trim()).filter((o) => o !== "" && o.length <= 60);
  if (options.length >= 2) return { ...field, type: "enum", options: [...new Set(options)].slice(0, 30) };
  return field;
}

/** The field an item describes, or null when no name is left once hints are removed. */
export function inferField(item: FieldItem): FieldSpec | null {
  let words = item.words.toLowerCase();
  const hasRange = RANGE.test(words);
  const isQuestion = /\?\s*$/.test(words);
  words = words.replace(RANGE, " ").replace(/\b(?:yes\s*\/\s*no|y\s*\/\s*n|true\s*\/\s*false)\b/, " yes_no ");
  const isYesNo = words.includes("yes_no");
  const name = snakeCase(words.replace("yes_no", " ").replace(/\b(?:a|an|the|its|their|optional|required)\b/g, " "));
  if (name === "" || name === "id") return null;
  const inferred = typeOfWords(name);
  let type: FieldType = isYesNo || isQuestion ? "boolean" : hasRange ? "integer" : inferred ?? "text";
  let field: FieldSpec = { name, label: labelOf(name), type, required: /^(?:name|title)$/.test(name) };
  if (item.paren !== undefined) field = applyParen(field, item.paren);
  type = field.type;
  if (type === "enum" && !field.options) field.options = ENUM_DEFAULTS[name.split("_").pop() ?? ""] ?? GENERIC_OPTIONS;
  return field;
}

/** True when an item is clearly a field (a known field word, a range or a yes/no hint), not a record type. */
export function isFieldWord(words: string): boolean {
  const name = snakeCase(words);
  return RANGE.test(words) || /\?|yes\s*\/\s*no/.test(words) || typeOfWords(name) !== undefined;
}
