// Valid inputs for a route, derived from the zod schemas route() was given (z.toJSONSchema, then a
// small generator), so that each fuzzed input differs from an accepted one in exactly one place.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { ParamSlot } from "./routes";

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  minItems?: number;
  minimum?: number;
  maximum?: number;
};

/** The seeded project the fuzz runs against, and the values its params take. */
export type Fixture = {
  projectId: string;
  slug: string;
  userId: string;
  headSha: string;
  spareTokenId: string;
  filePath: string[];
  runId: string;
  releaseId: string;
  /** A deployment staging served before its current one, so a rollback to it is a valid request. */
  earlierDeploymentId: string;
};

let serial = 0;
// Values by field name, for what a JSON Schema cannot say (emails, workspace paths, SQL, unique names).
// The slug is the fixture's own, so a fuzzed rename never moves the app the later routes call.
let fixtureSlug = "fuzz";
let fixtureDeployment = "";
const HINTS: Record<string, () => unknown> = {
  email: () => `fuzz-${++serial}-${randomUUID().slice(0, 6)}@example.test`,
  password: () => "a long enough password",
  path: () => `fuzz/new-${++serial}.txt`,
  from: () => "fuzz/target.txt",
  to: () => `fuzz/moved-${++serial}.txt`,
  sql: () => "select 1",
  prompt: () => "add a notes page",
  content: () => "hello",
  slug: () => fixtureSlug,
  q: () => "hello",
  table: () => "fuzz_table",
  expectedHead: () => "0".repeat(40),
  deploymentId: () => fixtureDeployment,
};
const PATTERN_CANDIDATES = ["fuzz", "fuzz_name", "FUZZ_NAME", "Fuzz", "example.com", "1.0.0", "a"];

function stringFor(key: string, schema: JsonSchema): string {
  if (schema.enum) return String(schema.enum[0]);
  if (schema.const !== undefined) return String(schema.const);
  const hint = HINTS[key]?.();
  const pattern = schema.pattern ? new RegExp(schema.pattern) : undefined;
  if (typeof hint === "string" && hint !== "" && (!pattern || pattern.test(hint))) return hint;
  if (schema.format === "uuid") return randomUUID();
  const candidate = pattern ? PATTERN_CANDIDATES.find((c) => pattern.test(c)) : undefined;
  return (candidate ?? "fuzz").padEnd(schema.minLength ?? 0, "z");
}

function generate(schema: JsonSchema, key: string, requiredOnly: boolean): unknown {
  const option = schema.oneOf?.[0] ?? schema.anyOf?.[0];
  if (option) return generate(option, key, requiredOnly);
  if (schema.const !== undefined) return schema.const;
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "object": {
      const props = Object.entries(schema.properties ?? {}).filter(([k]) => !requiredOnly || schema.required?.includes(k));
      const out = Object.fromEntries(props.map(([k, s]) => [k, generate(s, k, requiredOnly)]));
      const extra = schema.additionalProperties;
      if (!schema.properties && typeof extra === "object") out.fuzz = generate(extra, "fuzz", requiredOnly);
      return out;
    }
    case "array":
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => generate(schema.items ?? {}, key, requiredOnly));
    case "integer":
    case "number":
      return Math.min(Math.max(1, schema.minimum ?? 1), schema.maximum ?? Number.MAX_SAFE_INTEGER);
    case "boolean":
      return false;
    case "string":
      return stringFor(key, schema);
    default:
      return HINTS[key]?.() ?? "fuzz";
  }
}

/**
 * A value `schema` accepts: every property filled in (so each can be fuzzed), then optional ones
 * dropped one at a time until zod agrees. Throws naming the route's schema when none is found, so a
 * new route with a field the generator cannot fill gets a hint added above rather than going unfuzzed.
 */
export function validValue(schema: z.ZodType, what: string, fx: Fixture, requiredOnly = false): Record<string, unknown> {
  fixtureSlug = fx.slug;
  fixtureDeployment = fx.earlierDeploymentId;
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  const value = generate(json, "", requiredOnly) as Record<string, unknown>;
  if (schema.safeParse(value).success) return value;
  const optional = Object.keys(value).filter((k) => !json.required?.includes(k));
  for (const key of optional) {
    delete value[key];
    if (schema.safeParse(value).success) return value;
  }
  throw new Error(`${what}: cannot derive a valid value (${JSON.stringify(schema.safeParse(value).error?.issues[0])}); add a hint in tests/support/fuzz/values.ts`);
}

/** A query string of strings the schema accepts (required keys only; defaults fill the rest). */
export function validQuery(schema: z.ZodType, what: string, fx: Fixture): Record<string, string> {
  const value = validValue(schema, what, fx, true);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
}

/** Every key a query schema declares. */
export function queryKeys(schema: z.ZodType): string[] {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  return Object.keys(json.properties ?? {});
}

function paramCandidates(slot: ParamSlot, fx: Fixture): (string | string[])[] {
  switch (slot.name) {
    case "projectId":
      return [fx.projectId];
    case "slug":
      return [fx.slug];
    case "env":
      return ["dev", "staging"];
    case "userId":
      return [fx.userId];
    case "tokenId":
      return [fx.spareTokenId];
    case "sha":
      return [fx.headSha];
    case "runId":
      return [fx.runId];
    case "releaseId":
      return [fx.releaseId];
    case "invitationId":
      return [randomUUID()];
    case "table":
      return ["todos"];
    case "name":
      // A function's, a secret's, and a component's (every project starts with components/Welcome.tsx).
      return ["hello", "FUZZ_SECRET", "Welcome"];
    case "path":
      return [fx.filePath];
    case "key":
      return [["mfe", `${"0".repeat(64)}.js`]];
    case "nextauth":
      return [["session"]];
    default:
      throw new Error(`no valid value for the route param "${slot.name}"; add one in tests/support/fuzz/values.ts`);
  }
}

/** Params the route's schema accepts, one valid value per dynamic segment. */
export function validParams(slots: ParamSlot[], schema: z.ZodType | undefined, fx: Fixture): Record<string, string | string[]> {
  const choice = Object.fromEntries(slots.map((s) => [s.name, paramCandidates(s, fx)[0] as string | string[]]));
  for (const slot of slots) {
    const fits = paramCandidates(slot, fx).find((c) => !schema || schema.safeParse({ ...choice, [slot.name]: c }).success);
    if (fits !== undefined) choice[slot.name] = fits;
  }
  return choice;
}
