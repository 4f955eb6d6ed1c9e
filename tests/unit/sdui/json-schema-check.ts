// A small JSON Schema (2020-12) checker for the keywords z.toJSONSchema emits for the blueprint, so the
// tests can show that documents the zod schema accepts are accepted by the published JSON Schema too.
type Schema = Record<string, unknown>;

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function typeMatches(expected: unknown, value: unknown): boolean {
  const actual = typeOf(value);
  return [expected].flat().some((t) => t === actual || (t === "number" && actual === "integer"));
}

function checkObject(schema: Schema, value: Record<string, unknown>, root: Schema, path: string): string[] {
  const props = (schema.properties ?? {}) as Record<string, Schema>;
  const errors = ((schema.required ?? []) as string[]).filter((k) => !(k in value)).map((k) => `${path}.${k}: required`);
  for (const [key, child] of Object.entries(value)) {
    if (schema.propertyNames) errors.push(...checkJsonSchema(schema.propertyNames as Schema, key, root, `${path}[key ${key}]`));
    const sub = props[key] ?? (schema.additionalProperties === false ? undefined : (schema.additionalProperties as Schema | undefined));
    if (sub === undefined && schema.additionalProperties === false) errors.push(`${path}.${key}: not allowed`);
    else if (sub) errors.push(...checkJsonSchema(sub, child, root, `${path}.${key}`));
  }
  return errors;
}

function checkScalar(schema: Schema, value: unknown, path: string): string[] {
  const errors: string[] = [];
  if ("const" in schema && schema.const !== value) errors.push(`${path}: not ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) errors.push(`${path}: not in enum`);
  if (typeof value === "string") {
    if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(value)) errors.push(`${path}: pattern`);
    if (typeof schema.maxLength === "number" && value.length > schema.maxLength) errors.push(`${path}: too long`);
    if (typeof schema.minLength === "number" && value.length < schema.minLength) errors.push(`${path}: too short`);
  }
  if (typeof value === "number") {
    if (typeof schema.maximum === "number" && value > schema.maximum) errors.push(`${path}: too big`);
    if (typeof schema.minimum === "number" && value < schema.minimum) errors.push(`${path}: too small`);
  }
  return errors;
}

/** Every violation of `schema` by `value`, as "path: problem" strings; empty when it conforms. */
export function checkJsonSchema(schema: Schema, value: unknown, root: Schema = schema, path = "$"): string[] {
  if (typeof schema.$ref === "string") {
    const target = (root.$defs as Record<string, Schema>)[schema.$ref.replace("#/$defs/", "")];
    return target ? checkJsonSchema(target, value, root, path) : [`${path}: unresolved ${schema.$ref}`];
  }
  for (const key of ["oneOf", "anyOf"] as const) {
    const options = schema[key] as Schema[] | undefined;
    if (!options) continue;
    const passing = options.filter((o) => checkJsonSchema(o, value, root, path).length === 0).length;
    if (key === "oneOf" ? passing !== 1 : passing === 0) return [`${path}: ${passing} of ${key} match`];
  }
  if (schema.type !== undefined && !typeMatches(schema.type, value)) return [`${path}: expected ${String(schema.type)}`];
  const errors = checkScalar(schema, value, path);
  if (Array.isArray(value)) {
    if (typeof schema.maxItems === "number" && value.length > schema.maxItems) errors.push(`${path}: too many items`);
    if (typeof schema.minItems === "number" && value.length < schema.minItems) errors.push(`${path}: too few items`);
    if (schema.items) value.forEach((v, i) => errors.push(...checkJsonSchema(schema.items as Schema, v, root, `${path}[${i}]`)));
  } else if (typeOf(value) === "object") {
    errors.push(...checkObject(schema, value as Record<string, unknown>, root, path));
  }
  return errors;
}
