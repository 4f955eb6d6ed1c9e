// Where in a valid JSON body a fuzzer can put something bad, and copies of the body with it there.

/** A path of keys and indexes into a JSON value. */
export type JsonPath = string[];

function walk(value: unknown, path: JsonPath, visit: (value: unknown, path: JsonPath) => void): void {
  visit(value, path);
  if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, String(i)], visit));
  else if (typeof value === "object" && value !== null) for (const [k, v] of Object.entries(value)) walk(v, [...path, k], visit);
}

/** Paths of every string in `value`. */
export function stringLeaves(value: unknown): JsonPath[] {
  const found: JsonPath[] = [];
  walk(value, [], (v, path) => typeof v === "string" && found.push(path));
  return found;
}

/** Paths of every object (not array) in `value`, the root included. */
export function objectPaths(value: unknown): JsonPath[] {
  const found: JsonPath[] = [];
  walk(value, [], (v, path) => typeof v === "object" && v !== null && !Array.isArray(v) && found.push(path));
  return found;
}

/** Paths of objects holding file content: a string `content` beside an `encoding`. */
export function contentSites(value: unknown): JsonPath[] {
  return objectPaths(value).filter((path) => {
    const obj = at(value, path) as Record<string, unknown>;
    return typeof obj.content === "string" && "encoding" in obj;
  });
}

function at(value: unknown, path: JsonPath): unknown {
  return path.reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], value);
}

/** A copy of `value` with `replacement` at `path`. */
export function withValueAt(value: unknown, path: JsonPath, replacement: unknown): unknown {
  const copy = structuredClone(value);
  if (path.length === 0) return replacement;
  const parent = at(copy, path.slice(0, -1)) as Record<string, unknown>;
  parent[path[path.length - 1] as string] = replacement;
  return copy;
}

/** A copy of `value` whose object at `path` also has `key` (set to 1). */
export function withKeyAt(value: unknown, path: JsonPath, key: string): unknown {
  const copy = structuredClone(value);
  (at(copy, path) as Record<string, unknown>)[key] = 1;
  return copy;
}
