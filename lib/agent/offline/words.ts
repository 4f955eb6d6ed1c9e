// Word helpers: inflection, snake_case names that are always valid SQL identifiers, and labels.

const IRREGULAR_PLURALS: Record<string, string> = {
  person: "people", child: "children", man: "men", woman: "women", mouse: "mice", goose: "geese",
  foot: "feet", tooth: "teeth", series: "series", species: "species", news: "news", data: "data",
};
const IRREGULAR_SINGULARS = Object.fromEntries(Object.entries(IRREGULAR_PLURALS).map(([s, p]) => [p, s]));
// Words ending in "s" that are already singular, or whose plural only drops an "s" after "ie".
const SINGULAR_S = new Set(["status", "bus", "campus", "virus", "class", "address", "business", "analysis", "basis", "canvas", "news", "series", "species", "gas", "bonus", "process", "access", "glass", "boss", "sms", "cms", "crm"]);
const IE_PLURALS = new Set(["movies", "cookies", "pies", "ties", "lies", "zombies", "calories", "selfies", "rookies", "hoodies"]);

/** "books" → "book", "categories" → "category", "boxes" → "box"; singular words are kept. */
export function singularize(word: string): string {
  if (IRREGULAR_SINGULARS[word]) return IRREGULAR_SINGULARS[word];
  if (SINGULAR_S.has(word) || !word.endsWith("s") || word.endsWith("ss") || word.length < 3) return word;
  if (IE_PLURALS.has(word)) return word.slice(0, -1);
  if (word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (/(?:ch|sh|x|z|ss)es$/.test(word)) return word.slice(0, -2);
  return word.slice(0, -1);
}

/** "book" → "books", "category" → "categories", "box" → "boxes". */
export function pluralize(word: string): string {
  if (IRREGULAR_PLURALS[word]) return IRREGULAR_PLURALS[word];
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(?:s|x|z|ch|sh)$/.test(word)) return `${word}es`;
  return `${word}s`;
}

/** True when a word looks plural ("books", "people"), false for "status" or "book". */
export function isPlural(word: string): boolean {
  // "status", "bonus", "campus": singular words that end in s.
  return !/(?:^|[^aeiou])us$/.test(word) && singularize(word) !== word;
}

// Names reach SQL, file names and templates: letters, digits and _ only, never a reserved prefix.
const RESERVED = /^(?:sqlite_|_myco_|pragma_)/;
const MAX_NAME = 40;

/** A snake_case identifier from free words, or "" when nothing usable is left. */
export function snakeCase(text: string): string {
  const name = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, MAX_NAME)
    .replace(/_+$/, "");
  if (name === "") return "";
  const safe = /^[0-9]/.test(name) ? `n_${name}` : name;
  return RESERVED.test(safe) ? `x_${safe}` : safe;
}

/** "due_date" → "Due date". */
export function labelOf(name: string): string {
  const text = name.replaceAll("_", " ").trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "line_item" → "LineItem" (component names are PascalCase). */
export function pascalCase(name: string): string {
  return name
    .split("_")
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("");
}

/** "line_item" → "line-item" (URL paths). */
export function kebabCase(name: string): string {
  return name.replaceAll("_", "-");
}
