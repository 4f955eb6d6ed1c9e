/** The values a template may read, by scope name. */
export const TEMPLATE_SCOPES = ["form", "route", "row", "query", "result"] as const;
export type TemplateScopeName = (typeof TEMPLATE_SCOPES)[number];

/** What `{{scope.path}}` placeholders read from; a scope that is absent reads as empty. */
export type TemplateScope = Partial<Record<TemplateScopeName, unknown>>;

/** One `{{scope.a.b}}` placeholder, as written and as parsed. */
export type TemplateRef = { text: string; scope: TemplateScopeName; path: string[] };

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;
const SEGMENT = /^[A-Za-z0-9_$-]{1,64}$/;
const MAX_SEGMENTS = 8;
// Names that reach an object's prototype, never data: refused in the syntax and again when resolving.
const FORBIDDEN_SEGMENTS = new Set(["__proto__", "prototype", "constructor"]);

function parseRef(text: string): TemplateRef | string {
  const inner = text.slice(2, -2).trim();
  const [scope, ...path] = inner.split(".");
  if (!TEMPLATE_SCOPES.includes(scope as TemplateScopeName)) {
    return `${text}: a placeholder must start with one of ${TEMPLATE_SCOPES.join(", ")} (as in {{form.title}})`;
  }
  if (path.length === 0 || path.length > MAX_SEGMENTS) return `${text}: name a field, as in {{${scope}.id}} (at most ${MAX_SEGMENTS} parts)`;
  const bad = path.find((s) => !SEGMENT.test(s) || FORBIDDEN_SEGMENTS.has(s));
  if (bad !== undefined) return `${text}: "${bad}" is not a field name (letters, digits, _, $ or -)`;
  return { text, scope: scope as TemplateScopeName, path };
}

/** Every placeholder of a template, or the first syntax problem as a message. */
export function parseTemplate(template: string): { ok: true; refs: TemplateRef[] } | { ok: false; message: string } {
  const refs: TemplateRef[] = [];
  for (const m of template.matchAll(PLACEHOLDER)) {
    const ref = parseRef(m[0]);
    if (typeof ref === "string") return { ok: false, message: ref };
    refs.push(ref);
  }
  const rest = template.replace(PLACEHOLDER, "");
  if (rest.includes("{{") || rest.includes("}}")) return { ok: false, message: "has an unbalanced {{ or }}; placeholders look like {{form.title}}" };
  return { ok: true, refs };
}

/** The value at a dotted path of own properties; prototypes are never reached, anything missing is undefined. */
export function readPath(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const segment of path) {
    if (FORBIDDEN_SEGMENTS.has(segment) || current === null || typeof current !== "object") return undefined;
    if (!Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function readRef(text: string, scope: TemplateScope): unknown {
  const ref = parseRef(text);
  if (typeof ref === "string") return undefined;
  return readPath(Object.hasOwn(scope, ref.scope) ? scope[ref.scope] : undefined, ref.path);
}

/** How a value reads inside text: missing and null are empty, objects are JSON. */
export function stringifyValue(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  try {
    return JSON.stringify(value) ?? "";
  } catch {
    return "";
  }
}

/**
 * The template with each placeholder replaced by its value's text. No expressions, only dotted paths of
 * own properties: a template is data from the blueprint, so it must never run code or reach a prototype.
 */
export function resolveTemplate(template: string, scope: TemplateScope): string {
  return template.replace(PLACEHOLDER, (text) => stringifyValue(readRef(text, scope)));
}

/**
 * Like resolveTemplate, but a template that is exactly one placeholder keeps its value's type, so
 * `"{{form.age}}"` sends a number in a JSON body, not a string.
 */
export function resolveTemplateValue(template: string, scope: TemplateScope): unknown {
  const trimmed = template.trim();
  if (!/^\{\{[^{}]*\}\}$/.test(trimmed)) return resolveTemplate(template, scope);
  const value = readRef(trimmed, scope);
  return value === undefined ? "" : value;
}

/** A JSON value with every string resolved by resolveTemplateValue (a component's props). */
export function resolveDeep(value: unknown, scope: TemplateScope): unknown {
  if (typeof value === "string") return resolveTemplateValue(value, scope);
  if (Array.isArray(value)) return value.map((v) => resolveDeep(v, scope));
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveDeep(v, scope)]));
}
