import * as z from "zod";
import { Blueprint } from "./schema-blueprint";

let cached: Record<string, unknown> | undefined;

/**
 * The blueprint's JSON Schema (draft 2020-12), for models and editors. It describes the input side, so
 * fields with defaults are optional; the cross-reference checks of validateBlueprint are not expressible
 * in it and are described in field descriptions instead.
 */
export function blueprintJsonSchema(): Record<string, unknown> {
  cached ??= z.toJSONSchema(Blueprint, { io: "input", target: "draft-2020-12", unrepresentable: "any" }) as Record<string, unknown>;
  return structuredClone(cached);
}

const WORDS = new Set(["description", "title", "$schema"]);
const strip = (value: unknown): unknown =>
  Array.isArray(value) ? value.map(strip)
  : value !== null && typeof value === "object" ? Object.fromEntries(Object.entries(value).filter(([k]) => !WORDS.has(k)).map(([k, v]) => [k, strip(v)]))
  : value;

/** The same schema without descriptions and titles: about half the size, for a model's tool definition. */
export function compactBlueprintJsonSchema(): Record<string, unknown> {
  return strip(blueprintJsonSchema()) as Record<string, unknown>;
}
