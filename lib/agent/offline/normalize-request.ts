// First pass over a request: lower-case, fix common typos, drop filler words, set aside parentheses,
// pull out the views asked for (dashboard, chart), and cut the rest into clauses.

const TYPOS: Record<string, string> = {
  tittle: "title", titel: "title", tilte: "title", wieght: "weight", weigth: "weight", dashbord: "dashboard",
  dashbaord: "dashboard", dashborad: "dashboard", catagory: "category", categroy: "category", prioirty: "priority",
  priorty: "priority", ammount: "amount", amout: "amount", adress: "address", emial: "email",
  quanity: "quantity", quantiy: "quantity", recipies: "recipes", contats: "contacts", exersice: "exercise",
  excercise: "exercise", exercize: "exercise", discription: "description", descripton: "description",
  grpah: "graph", chrat: "chart", cahrt: "chart", suplier: "supplier", supliers: "suppliers", prodcuts: "products",
  prodcut: "product", teh: "the", wiht: "with", wtih: "with", adn: "and", nad: "and", tracer: "tracker",
  trakcer: "tracker", trakc: "track", lsit: "list", lsits: "lists", lits: "list", rateing: "rating", raiting: "rating", catgory: "category", stauts: "status",
};
const GERUNDS: Record<string, string> = { tracking: "track", managing: "manage", logging: "log", storing: "store", organizing: "organize", organising: "organise", recording: "record", planning: "plan", listing: "list" };
const FILLERS = /\b(?:pls|plz|please|kindly|thanks|thank you|thx|ty|just|simple|basic|little|quick|nice|cool|small|tiny|some|my|our|me|hey|hi|hello|um|uh|really|very|super)\b/g;

/** The request with typos fixed and filler words removed, lower-case, single-spaced. */
export function normalizeRequest(text: string): string {
  return text
    .toLowerCase()
    .replace(/([a-z])[’']s\b/g, "$1")
    .replace(/[’']/g, "")
    .replace(/\bto[- ]do(s?)\b/g, "todo$1")
    .replace(/\be-mail/g, "email")
    .replace(/\bw\/\s*/g, "with ")
    .replace(/^(?:ok|okay)\b[,.!]?\s*/, "")
    .replace(/\bfor (tracking|managing|logging|storing|organi[sz]ing|recording|planning|listing)\b/g, (_m, verb: string) => `to ${GERUNDS[verb] ?? verb}`)
    .replace(/\bfor keeping track of\b/g, "to keep track of")
    // "start and end dates" are two fields.
    .replace(/\b(start|begin|check-in|check in|arrival|pickup|pick-up|opening|move-in|move in|from)\s+(?:and|&|\/)\s+(end|finish|check-out|check out|departure|return|drop-off|dropoff|closing|move-out|move out|to)\s+(date|time)s\b/g, "$1 $3, $2 $3")
    .replace(/[a-z]+/g, (w) => TYPOS[w] ?? w)
    .replace(FILLERS, " ")
    .replace(/[ \t]+/g, " ")
    .trim();
}

/** Parenthesised text replaced by `§n§` markers, so lists inside them survive splitting on commas. */
export function setAsideParens(text: string): { text: string; parens: string[] } {
  const parens: string[] = [];
  const out = text.replace(/\(([^()]*)\)?/g, (_m, inner: string) => {
    parens.push(inner.trim());
    return ` §${parens.length - 1}§ `;
  });
  return { text: out.replace(/ +/g, " "), parens };
}

const CHART = /(?:,?\s*\b(?:and|plus|with|also)\b\s*)?(?:\b(?:i\s+)?(?:want|need|would like)?\s*(?:to\s+)?(?:see|show|view|display|get|have|include)\s+)?(?:\b(?:a|an|the)\s+)?(?:(?:line|bar)\s+)?\b(?:chart|graph|plot)\b(?:\s+(?:of|for|showing|with)\s+([a-z_ ]+?))?(?:\s+(?:over|by|per|across|against)\s+(?:time|date|days?|weeks?|months?))?(?=\s*(?:[,.;!]|$|\band\b|\bplus\b))/;
const CHART_NAMES = /\b(?:chore|chores|seating|org|sticker|reward|rewards|star|behavior|behaviour|potty|family|gantt|flow|size|growth|habit|progress)\s+chart\b/;
const NAMED_CHART = /\b(?:a|an|the)\s+([a-z_]+)\s+(?:chart|graph|plot)\b/;
const DASHBOARD = /(?:,?\s*\b(?:and|plus|with|also)\b\s*)?(?:\b(?:i\s+)?(?:want|need)?\s*(?:to\s+)?(?:see|show|view|have|include|get)\s+)?(?:\b(?:a|an|the)\s+)?\b(?:dashboard|overview|stats|statistics|summary page|(?:(?:monthly|weekly|yearly|daily|running)\s+)?(?:totals|summaries|reports?|analytics|insights))\b/;

/** The views asked for, and the text without the phrases that asked for them. */
export function extractViews(text: string): { text: string; dashboard: boolean; chart?: string } {
  let rest = text;
  const dashboard = DASHBOARD.test(rest);
  rest = rest.replace(DASHBOARD, " ");
  let chart: string | undefined;
  const named = NAMED_CHART.exec(rest);
  // "a chore chart", "a seating chart" name the app, not a chart of numbers.
  const match = CHART_NAMES.test(rest) ? null : CHART.exec(rest);
  if (match) {
    chart = (match[1] ?? named?.[1] ?? "").trim();
    rest = rest.replace(CHART, " ");
  }
  return { text: rest.replace(/ +/g, " ").trim(), dashboard, chart };
}

/** Sentences and clauses that each describe one thing ("…; each product belongs to a supplier"). */
export function splitClauses(text: string): string[] {
  return text
    .split(/[.;\n!]+|\s*\b(?:where(?!\s+to\b)(?!\s+(?:it|they|he|she)\s+(?:is|are|lives?|sits?|stays?|goes|go)\b)|whereby|plus|also|then|additionally)\b\s*|,?\s+and\s+(?=(?:each|every|one)\b)|,\s*(?=(?:each|every)\b)|:\s*(?=(?:each|every)\b)|,\s*(?=[a-z]+\s+(?:have|has|belong|belongs|are|is)\b)|,?\s+and\s+(?=(?:i|we)\s)|,\s*(?=(?:i|we)\s)/)
    .map((c) => c.replace(/^[\s,]*(?:(?:and|but|so)\b)?\s*/, "").replace(/\s+(?:too|as well|also)$/, "").replace(/[\s,]+$/, "").trim())
    .filter((c) => c !== "");
}
