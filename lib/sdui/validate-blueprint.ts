import type { z } from "zod";
import { Blueprint } from "./schema-blueprint";
import { LIMITS } from "./schema-parts";
import { readPath } from "./template";

/** One problem of a blueprint: where (as `pages.home.body.children[2].columns`) and what. */
export type BlueprintError = { path: string; message: string };

/** A validated blueprint (defaults filled in), or every problem found, each with its JSON path. */
export type BlueprintValidation = { ok: true; blueprint: Blueprint } | { ok: false; errors: BlueprintError[] };

const MAX_ERRORS = 100;

/** `["pages", "home", "body", "children", 2]` as `pages.home.body.children[2]`; odd keys as `["a b"]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (typeof key === "string" && /^[A-Za-z_$][\w$-]*$/.test(key)) out += out === "" ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

// Zod recurses once per level; a hostile, deeply nested document must fail as an error, not a stack overflow.
function findTooDeep(input: unknown): PropertyKey[] | null {
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value: input, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop() as { value: unknown; path: PropertyKey[] };
    if (value === null || typeof value !== "object") continue;
    if (path.length > LIMITS.depth) return path;
    for (const [key, child] of Object.entries(value)) stack.push({ value: child, path: [...path, Array.isArray(value) ? Number(key) : key] });
  }
  return null;
}

function errorsOf(issue: z.core.$ZodIssue, input: unknown): BlueprintError[] {
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({ path: formatPath([...issue.path, key]), message: `unknown property "${key}"` }));
  }
  if (issue.code === "invalid_union" && "discriminator" in issue && typeof issue.discriminator === "string") {
    const atDiscriminator = issue.path.at(-1) === issue.discriminator ? issue.path : [...issue.path, issue.discriminator];
    const value = readPath(input, atDiscriminator.map(String));
    const options = "options" in issue && Array.isArray(issue.options) ? issue.options.join(", ") : "";
    const shown = value === undefined ? "missing" : `${JSON.stringify(value)} is unknown`;
    return [{ path: formatPath(atDiscriminator), message: `${issue.discriminator} ${shown}; expected one of: ${options}` }];
  }
  return [{ path: formatPath(issue.path), message: issue.message }];
}

/**
 * Validates app.json (already parsed from JSON). Besides the shape it checks cross-references: routes
 * name existing pages, node ids are unique per page, refresh targets are bound nodes on the same page,
 * placeholders are used where their scope exists.
 */
export function validateBlueprint(json: unknown): BlueprintValidation {
  const deep = findTooDeep(json);
  if (deep) return { ok: false, errors: [{ path: formatPath(deep), message: `nested more than ${LIMITS.depth} levels deep` }] };
  const parsed = Blueprint.safeParse(json);
  if (parsed.success) return { ok: true, blueprint: parsed.data };
  // A bad placeholder is found by its field's schema and again by the scope check: report it once.
  const unique = new Map(parsed.error.issues.flatMap((issue) => errorsOf(issue, json)).map((e) => [`${e.path}\n${e.message}`, e]));
  return { ok: false, errors: [...unique.values()].slice(0, MAX_ERRORS) };
}
