import type { JsonSchema } from "@/lib/http";
import styles from "./api-docs.module.css";

// Nested schemas deeper than this are named, not expanded (the blueprint's node tree is recursive).
const MAX_DEPTH = 6;

const REF_PREFIX = "#/components/schemas/";

function typeName(schema: JsonSchema): string {
  if (schema.$ref) return schema.$ref.replace(REF_PREFIX, "");
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  const type = Array.isArray(schema.type) ? schema.type.join(" | ") : schema.type;
  if (type === "array") {
    const each = schema.items ? constraintsOf(schema.items) : [];
    return `array of ${schema.items ? typeName(schema.items) : "any"}${each.length > 0 ? ` (each ${each.join(", ")})` : ""}`;
  }
  if (schema.anyOf ?? schema.oneOf) return "one of";
  return schema.format ? `${type ?? "any"} (${schema.format})` : (type ?? "any");
}

function range(low: number | undefined, high: number | undefined, unit: string): string | undefined {
  if (low === undefined && high === undefined) return undefined;
  if (low !== undefined && high !== undefined) return low === high ? `${low} ${unit}` : `${low}–${high} ${unit}`;
  return low !== undefined ? `≥ ${low} ${unit}` : `≤ ${high} ${unit}`;
}

/** Bounds and defaults, in words: "1–200 chars", "matches ^[a-z]+$", "default 20". */
export function constraintsOf(schema: JsonSchema): string[] {
  const out = [
    range(schema.minLength, schema.maxLength, "chars"),
    range(schema.minItems, schema.maxItems, "items"),
    range(schema.minimum ?? schema.exclusiveMinimum, schema.maximum ?? schema.exclusiveMaximum, "")?.trim(),
    schema.pattern && !schema.format ? `matches ${schema.pattern}` : undefined,
    schema.default !== undefined ? `default ${JSON.stringify(schema.default)}` : undefined,
  ];
  return out.filter((s): s is string => Boolean(s));
}

function Label({ schema }: { schema: JsonSchema }) {
  const notes = constraintsOf(schema);
  return (
    <>
      <code className={styles.type}>{typeName(schema)}</code>
      {notes.length > 0 && <span className="muted"> {notes.join(", ")}</span>}
      {schema.description && <span className={styles.description}> {schema.description}</span>}
    </>
  );
}

function Children({ schema, depth }: { schema: JsonSchema; depth: number }) {
  if (depth >= MAX_DEPTH) return null;
  const options = schema.anyOf ?? schema.oneOf;
  if (options) {
    return <ul className={styles.tree}>{options.map((o, i) => <li key={i}><SchemaNode schema={o} depth={depth + 1} /></li>)}</ul>;
  }
  if (schema.type === "array" && schema.items && (schema.items.properties || schema.items.anyOf || schema.items.oneOf)) {
    return <Children schema={schema.items} depth={depth + 1} />;
  }
  const entries = Object.entries(schema.properties ?? {});
  const extra = typeof schema.additionalProperties === "object" ? schema.additionalProperties : undefined;
  if (entries.length === 0 && !extra) return null;
  return (
    <ul className={styles.tree}>
      {entries.map(([name, child]) => (
        <li key={name}>
          <code className={styles.name}>{name}</code>
          {schema.required?.includes(name) ? <span className={styles.required}> required</span> : <span className="muted"> optional</span>}{" "}
          <SchemaNode schema={child} depth={depth + 1} />
        </li>
      ))}
      {extra && <li><code className={styles.name}>{"<any key>"}</code> <SchemaNode schema={extra} depth={depth + 1} /></li>}
    </ul>
  );
}

/** One schema as a readable tree: its type and bounds, then its properties or options. */
export function SchemaNode({ schema, depth = 0 }: { schema: JsonSchema; depth?: number }) {
  return (
    <>
      <Label schema={schema} />
      <Children schema={schema} depth={depth} />
    </>
  );
}
