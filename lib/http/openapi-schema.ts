import { z } from "zod";
import { STATUS_BY_CODE } from "@/lib/errors";

/** A JSON Schema (draft 2020-12) as z.toJSONSchema writes it, read loosely. */
export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  default?: unknown;
  description?: string;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  [key: string]: unknown;
};

const DEFS_PREFIX = "#/$defs/";
export const COMPONENTS_PREFIX = "#/components/schemas/";

// Schemas with a registered id (.meta({ id })) come out as $defs and "#/$defs/<id>" refs; in the document
// they live once under components.schemas, so the refs are rewritten to point there.
function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [key, key === "$ref" && typeof v === "string" && v.startsWith(DEFS_PREFIX) ? `${COMPONENTS_PREFIX}${v.slice(DEFS_PREFIX.length)}` : rewriteRefs(v)]),
  );
}

/**
 * A string normalised, then piped into a format (`z.string().trim().pipe(z.email())`): io "input" sees only
 * the string, yet the route refuses what does not become that format, so the document states it.
 */
function statePipedFormat(ctx: { zodSchema: z.core.$ZodType; jsonSchema: z.core.JSONSchema.BaseSchema }): void {
  const def = ctx.zodSchema._zod.def;
  if (def.type !== "pipe" || ctx.jsonSchema.type !== "string") return;
  const target = z.toJSONSchema((def as z.core.$ZodPipeDef).out, { io: "input", unrepresentable: "any" });
  if (target.type === "string" && typeof target.format === "string") ctx.jsonSchema.format = target.format;
}

/**
 * What a client sends for `schema` (io "input": before defaults and transforms), as JSON Schema; its
 * $defs go to `shared`. What JSON Schema cannot say (a refinement, a date) is left open, not refused.
 */
export function inputSchema(schema: z.ZodType, shared: Record<string, JsonSchema>): JsonSchema {
  const { $defs, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any", override: statePipedFormat }) as JsonSchema;
  delete rest.$schema; // the document's dialect is OpenAPI 3.1's, which is 2020-12 already
  for (const [id, def] of Object.entries($defs ?? {})) shared[id] = rewriteRefs(def) as JsonSchema;
  return rewriteRefs(rest) as JsonSchema;
}

/** The body of every error answer: `{ error: { code, message, field } }`. */
export const ERROR_BODY_SCHEMA: JsonSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: { type: "string", enum: Object.keys(STATUS_BY_CODE) },
        message: { type: "string", description: "Safe to show the caller; a field error reads \"<field>: <what is wrong>\"." },
        field: { type: "string", description: "The input at fault: a param, query or body field, or a header such as authorization." },
      },
    },
  },
};
