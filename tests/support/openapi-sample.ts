// A value a JSON Schema accepts, for the subset z.toJSONSchema writes: a client reading only the API
// document would send it, so the route's own zod schema must accept it too. Required properties only,
// first options, lower bounds. What it cannot make it refuses by name (CannotSample), never guesses.
import type { JsonSchema } from "@/lib/http";

/** A schema this sampler cannot satisfy; the test lists such cases by name. */
export class CannotSample extends Error {}

const UUID = "00000000-0000-4000-8000-000000000000";
const FORMATS: Record<string, string> = {
  uuid: UUID,
  guid: UUID,
  email: "someone@example.com",
  uri: "https://example.com/",
  url: "https://example.com/",
  "date-time": "2026-01-01T00:00:00.000Z",
  date: "2026-01-01",
};
// Strings tried against a pattern, shortest first: the shapes Myco's names, versions, hosts and shas take.
const PATTERN_CANDIDATES = ["a", "name", "a_b", "1.0.0", "example.com", "0".repeat(40), UUID];

function sampleString(schema: JsonSchema): string {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? Number.POSITIVE_INFINITY;
  const fits = (s: string) => s.length >= min && s.length <= max && (!schema.pattern || new RegExp(schema.pattern).test(s));
  const formatted = schema.format ? FORMATS[schema.format] : undefined;
  if (formatted !== undefined && fits(formatted)) return formatted;
  const plain = "a".repeat(Math.max(1, min));
  const found = [plain, ...PATTERN_CANDIDATES].find(fits);
  if (found === undefined) throw new CannotSample(`string ${JSON.stringify({ format: schema.format, pattern: schema.pattern, min, max })}`);
  return found;
}

function sampleNumber(schema: JsonSchema, integer: boolean): number {
  const low = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 0);
  const high = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : Number.MAX_SAFE_INTEGER);
  const value = integer ? Math.ceil(low) : low;
  if (value > high) throw new CannotSample(`number between ${low} and ${high}`);
  return value;
}

function firstOption(options: JsonSchema[], sample: (s: JsonSchema) => unknown): unknown {
  const refusals: string[] = [];
  for (const option of options) {
    try {
      return sample(option);
    } catch (err) {
      if (!(err instanceof CannotSample)) throw err;
      refusals.push(err.message);
    }
  }
  throw new CannotSample(`no option: ${refusals.join("; ")}`);
}

function sampleObject(schema: JsonSchema, sample: (s: JsonSchema) => unknown, every: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const keys = every ? Object.keys(schema.properties ?? {}) : (schema.required ?? []);
  for (const key of keys) out[key] = sample(schema.properties?.[key] ?? {});
  const extra = schema.additionalProperties;
  if (every && keys.length === 0 && typeof extra === "object") out[String(sample((schema.propertyNames as JsonSchema | undefined) ?? { type: "string" }))] = sample(extra);
  return out;
}

/**
 * A value `schema` accepts; `$ref`s are resolved against `schemas` (the document's components.schemas).
 * `every`: every property and one entry of each open record, not just what is required.
 */
export function sampleOf(schema: JsonSchema, schemas: Record<string, JsonSchema>, every = false): unknown {
  const sample = (s: JsonSchema): unknown => sampleOf(s, schemas, every);
  if (schema.$ref) {
    const target = schemas[schema.$ref.replace("#/components/schemas/", "")];
    if (!target) throw new Error(`unresolved $ref ${schema.$ref}`);
    return sample(target);
  }
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.anyOf ?? schema.oneOf) return firstOption(schema.anyOf ?? schema.oneOf ?? [], sample);
  if (schema.allOf) {
    if (schema.allOf.length !== 1) throw new CannotSample("allOf of several schemas");
    return sample(schema.allOf[0] ?? {});
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") ?? "null" : schema.type;
  switch (type) {
    case "object": return sampleObject(schema, sample, every);
    case "array": return Array.from({ length: schema.minItems ?? 0 }, (_, i) => sample(schema.prefixItems?.[i] ?? schema.items ?? {}));
    case "string": return sampleString(schema);
    case "integer": return sampleNumber(schema, true);
    case "number": return sampleNumber(schema, false);
    case "boolean": return false;
    case "null": return null;
    default: return "any"; // {}: any JSON value
  }
}
