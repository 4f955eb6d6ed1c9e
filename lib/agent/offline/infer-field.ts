// Turns one item of a list ("due date", "rating 1-5", "category (food, rent)") into a typed field.
import type { FieldSpec, FieldType } from "./app-spec";
import { readFieldPhrase } from "./field-phrase";
import { labelOf, singularize, snakeCase } from "./words";

// Checked in this order: a word earlier in the list wins, so "phone number" is text, not integer.
const WORD_TYPES: [FieldType, RegExp][] = [
  ["text", /^(?:phone|mobile|tel|sku|zip|postcode|isbn|code|address|name|title|author|notes?|description|instructions|directions|bio|body|content|summary|details|sets?_of|reason|location|venue|place|company|employer|tags|labels|keywords|hashtags|position|relationship|restrictions|allergies|preferences|requirements|skills|hobbies|interests|symptoms|amenities|winner|host|payer)$/],
  ["email", /^e_?mails?$/],
  ["url", /^(?:url|urls|website|site|link|links|homepage|webpage)$/],
  ["datetime", /^(?:time|timestamp|datetime|at|appointment|starts|ends|slot)$/],
  ["date", /^(?:date|due|deadline|birthday|dob|day|when|born|started|ended|start|end|expiry|expires|on|since|until|anniversary)$/],
  ["money", /^(?:amount|price|cost|costs|salary|budget|total|revenue|fee|fees|balance|income|expense|spend|spent|paid_amount|value|wage|rent|tip|deposit|payment|owed|debt|pay|rate)$/],
  ["boolean", /^(?:done|completed|complete|finished|read|active|paid|archived|published|favorite|favourite|enabled|visible|private|watched|checked|verified|available|returned|attended|approved|confirmed|shipped|delivered|signed|vaccinated|cancelled|canceled|resolved|billable|urgent|public|featured|flagged|pinned|starred|sold|booked|open)$/],
  ["integer", /^(?:count|quantity|qty|pages|page|reps|sets|age|rating|ratings|stars|number|stock|year|calories|duration|minutes|hours|servings|views|likes|points|size_count|floor|seats|level|rank|votes|laps|steps_count|inventory|mileage|odometer|capacity|headcount|days|weeks|months|nights|every|interval|units|copies|edition|episode|season|chapter|priority_rank|bedrooms|bathrooms|rooms|beds|baths|floors|tickets|adults|reorder_level|threshold|vintage|bottles|cans|jars|packs|bags|pairs|min_players|max_players)$/],
  ["real", /^(?:weight|score|height|distance|temperature|temp|percent|percentage|latitude|longitude|lat|lng|km|miles|kg|lbs|speed|bmi|length|width|depth|volume|grade_point|gpa|pace|target|progress|ratio|liters|litres|liter|litre|gallons|gallon|kwh)$/],
  ["enum", /^(?:stage|status|category|priority|type|kind|state|mood|difficulty|severity|genre|frequency|tier|plan|role|condition|size|level_name|rsvp|gender|department|channel|source|method|color|colour|weather|cuisine|meal|shift)$/],
];

// Choices a field gets when the request lists none: "<entity>.<field>" first, then the field alone.
const RECORD_NOUNS = /^(?:expense|payment|transaction|order|sale|booking|event|task|entry|visit|session|appointment|donation|purchase|invoice|bill|shift|deposit|withdrawal|transfer|receipt|loan|rating|review|comment|post|note|step|contact|stage|plan|role|status|category|type)$/;

const ENUM_DEFAULTS: Record<string, string[]> = {
  "order.status": ["pending", "paid", "shipped", "delivered", "cancelled"],
  "invoice.status": ["draft", "sent", "paid", "overdue"],
  "application.status": ["applied", "interview", "offer", "rejected"],
  "job_application.status": ["applied", "interview", "offer", "rejected"],
  "job.status": ["applied", "interview", "offer", "rejected"],
  "project.status": ["planned", "active", "on hold", "done"],
  "ticket.status": ["open", "in progress", "resolved", "closed"],
  "bug.status": ["open", "in progress", "resolved", "closed"],
  "issue.status": ["open", "in progress", "resolved", "closed"],
  "lead.status": ["new", "contacted", "qualified", "lost"],
  "book.status": ["to read", "reading", "read"],
  "guest.status": ["invited", "going", "maybe", "not going"],
  "rsvp.status": ["going", "maybe", "not going"],
  "appointment.status": ["scheduled", "done", "cancelled"],
  "booking.status": ["requested", "confirmed", "cancelled"],
  "reservation.status": ["requested", "confirmed", "cancelled"],
  "payment.status": ["pending", "paid", "failed", "refunded"],
  "expense.category": ["food", "rent", "transport", "bills", "fun", "other"],
  "transaction.category": ["food", "rent", "transport", "bills", "salary", "other"],
  "budget.category": ["food", "rent", "transport", "bills", "fun", "other"],
  "movie.genre": ["action", "comedy", "drama", "horror", "sci-fi", "documentary"],
  "book.genre": ["fiction", "non-fiction", "mystery", "sci-fi", "biography"],
  "member.role": ["member", "admin"],
  "user.role": ["member", "admin"],
  "employee.role": ["staff", "manager", "admin"],
  "rsvp": ["going", "maybe", "not going"],
  "rsvp_status": ["going", "maybe", "not going"],
  "payment_status": ["pending", "paid", "failed", "refunded"],
  size: ["small", "medium", "large"],
  gender: ["female", "male", "other"],
  meal: ["breakfast", "lunch", "dinner", "snack"],
  weather: ["sunny", "cloudy", "rainy", "snowy"],
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
  condition: ["new", "good", "worn"],
};

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
  if (/^(?:is|has|can|was|needs?|did|does)_/.test(name)) return "boolean";
  if (/^(?:price|amount|cost|total|fee|sum)_(?:paid|spent|owed|charged|earned|received|due)$/.test(name)) return "money";
  // "minutes read", "pages written", "km run": a count of something done.
  if (/^(?:minutes|hours|pages|km|miles|steps|reps|laps|calories|words|chapters|episodes|cups|glasses)_[a-z]+$/.test(name)) return "integer";
  if (/(?:^|_)(?:prep|cook|cooking|baking|bake|travel|wait|waiting|run|running|rest|reading|screen|play|playing|drive|driving|commute|transit|turnaround|lead|response|study|practice|work|sleep)_time$/.test(name)) return "integer";
  if (/(?:^|_)(?:plate|phone|serial|license|licence|tracking|account|reference|ref|order|invoice|policy|passport|model|part|vin|flight|room|seat|table|house|street|unit|apartment|registration|id|contact|mobile|cell|fax|membership|ticket|po|case)_number$/.test(name)) return "text";
  if (name.endsWith("_at")) return "datetime";
  if (/_(?:on|date)$/.test(name) || /^last_[a-z]+ed$/.test(name)) return "date";
  if (/_(?:url|link|website)$/.test(name)) return "url";
  if (/_(?:count|number_of)$/.test(name) || /^(?:number|num|no)_of_/.test(name)) return "integer";
  // "min players", "max guests": a bound on a count of people or things.
  if (/^(?:min|max|minimum|maximum)_[a-z]+s$/.test(name)) return "integer";
  if (/(?:^|_)e_?mail(?:_address)?$/.test(name)) return "email";
  const last = words[words.length - 1] ?? "";
  for (const [type, pattern] of WORD_TYPES) if (pattern.test(last)) return type;
  // "amounts", "dates" are fields; "expenses", "payments" are records of their own.
  const single = singularize(last);
  if (single !== last && !RECORD_NOUNS.test(single)) for (const [type, pattern] of WORD_TYPES) if (type !== "text" && pattern.test(single)) return type;
  for (const [type, pattern] of WORD_TYPES) if (words.some((w) => pattern.test(w))) return type;
  return undefined;
}

// Parenthesised text after a field: "yes/no", "1-5", "date", "optional", or a list of choices.
function applyParen(field: FieldSpec, paren: string): FieldSpec {
  const text = paren.trim().toLowerCase().replace(/^(?:either|one of|can be|options?:?|choices?:?|e\.?g\.?|like|such as)\s+/, "");
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
  let words = item.words.toLowerCase().replace(/\s*[?!.]+\s*$/, (m) => (m.includes("?") ? " ?" : ""));
  const hasRange = RANGE.test(words);
  const isQuestion = /\?\s*$/.test(words);
  const required = /\b(?:required|mandatory|must have)\b/.test(words) || /^(?:required|mandatory)$/.test(item.paren ?? "");
  words = words.replace(RANGE, " ").replace(/\b(?:yes\s*\/\s*no|y\s*\/\s*n|true\s*\/\s*false)\b/, " yes_no ");
  const isYesNo = words.includes("yes_no") || /\b(?:yes or no|true or false|checkbox|tick box)\b/.test(words);
  words = words.replace(/yes_no|\b(?:yes or no|true or false|checkbox|tick box)\b|\?/g, " ").replace(/\b(?:optional|required|mandatory|must have)\b/g, " ");
  words = words.replace(/^(?:(?:a|an|the|its|their|his|her|your|my|our|some|any)\s+)+/, "").replace(/\s+/g, " ").trim();
  const phrase = readFieldPhrase(words.replace(/^whether\s+/, ""));
  const plain = snakeCase(phrase.words.replace(/\b(?:a|an|the)\b/g, " "));
  // "amounts", "dates": a plural of a field word names one value per row.
  const tail = plain.split("_").pop() ?? "";
  const name = tail !== singularize(tail) && !WORD_TYPES.some(([, p]) => p.test(tail)) && typeOfWords(singularize(tail)) !== undefined ? plain.replace(/[a-z]+$/, singularize(tail)) : plain;
  const either = /^([a-z]+) or ([a-z]+)$/.exec(phrase.words);
  if (name === "" || name === "id") return null;
  const inferred = typeOfWords(name);
  let type: FieldType = isYesNo || isQuestion ? "boolean" : hasRange ? "integer" : phrase.type ?? inferred ?? "text";
  if (type === "integer" && phrase.unit && UNIT_REAL.has(phrase.unit)) type = "real";
  const label = phrase.unit ? `${labelOf(name)} (${phrase.unit})` : labelOf(name);
  let field: FieldSpec = { name, label, type, required: required || /^(?:name|title)$/.test(name) };
  // "in or out", "income or expense": a choice of two, named for what it chooses.
  if (either?.[1] && either[2] && inferred === undefined && item.paren === undefined) {
    const named = PAIRS[`${either[1]}/${either[2]}`] ?? "type";
    field = { name: named, label: labelOf(named), type: "enum", options: [either[1], either[2]], required: false };
  }
  if (item.paren !== undefined) field = applyParen(field, item.paren);
  return field;
}

const PAIRS: Record<string, string> = {
  "in/out": "direction", "out/in": "direction", "income/expense": "kind", "expense/income": "kind", "buy/sell": "side", "sell/buy": "side",
  "credit/debit": "kind", "debit/credit": "kind", "pass/fail": "result", "win/loss": "result", "won/lost": "result", "male/female": "gender",
  "home/away": "venue", "indoor/outdoor": "setting", "online/offline": "mode", "remote/onsite": "mode", "paid/unpaid": "payment_status",
};
const UNIT_REAL = new Set(["hours", "hrs", "km", "miles", "kg", "lbs"]);

/** Choices for an enum the request listed none for, from its entity and name; null if there are none to guess. */
export function defaultChoices(entity: string, field: string): string[] | null {
  const last = field.split("_").pop() ?? "";
  return ENUM_DEFAULTS[`${entity}.${field}`] ?? ENUM_DEFAULTS[`${entity.split("_").pop()}.${last}`] ?? ENUM_DEFAULTS[field] ?? ENUM_DEFAULTS[last] ?? null;
}

/** True when an item is clearly a field (a known field word, a range or a yes/no hint), not a record type. */
export function isFieldWord(words: string): boolean {
  const name = snakeCase(words);
  return RANGE.test(words) || /\?|yes\s*\/\s*no/.test(words) || typeOfWords(name) !== undefined;
}
