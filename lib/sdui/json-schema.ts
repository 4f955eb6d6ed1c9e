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
