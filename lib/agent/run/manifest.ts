import type { ProjectScope } from "@/lib/auth";
import { describeBlueprint, validateBlueprint } from "@/lib/sdui";
import { getTenantSchema } from "@/lib/tenant-db";
import { listFiles, readFile } from "@/lib/workspace";

/** Paths listed before the manifest says "and N more". */
const MAX_FILES = 200;

async function blueprintSection(scope: ProjectScope): Promise<string> {
  const file = await readFile(scope, "app.json").catch(() => null);
  if (!file || file.encoding !== "utf8") return "app.json is missing.";
  let json: unknown;
  try {
    json = JSON.parse(file.content);
  } catch {
    return "app.json is not valid JSON.";
  }
  const result = validateBlueprint(json);
  if (!result.ok) {
    const errors = result.errors.slice(0, 10).map((e) => `  ${e.path}: ${e.message}`);
    return `app.json does not validate:\n${errors.join("\n")}`;
  }
  return describeBlueprint(result.blueprint);
}

async function schemaSection(scope: ProjectScope): Promise<string> {
  const schema = await getTenantSchema(scope, "dev");
  if (schema.tables.length === 0) return "Database: no tables yet.";
  const tables = schema.tables.map((t) => {
    const columns = t.columns.map((c) => `${c.name} ${c.type || "ANY"}${c.primaryKey ? " PK" : ""}${c.nullable ? "" : " NOT NULL"}`);
    const keys = t.foreignKeys.map((k) => `${k.columns.join(",")} -> ${k.table}(${k.references.join(",")})`);
    return `  ${t.name} (${t.rowCount} rows): ${columns.join(", ")}${keys.length ? `; references ${keys.join(", ")}` : ""}`;
  });
  return `Database tables:\n${tables.join("\n")}`;
}

/**
 * What the model is told about the project before every run: its files, database tables, blueprint
 * routes and pages, functions and components; names and shapes only, never whole files.
 */
export async function buildManifest(scope: ProjectScope): Promise<string> {
  const files = await listFiles(scope);
  const paths = files.map((f) => f.path);
  const shown = paths.slice(0, MAX_FILES);
  const more = paths.length > shown.length ? `\n  … and ${paths.length - shown.length} more` : "";
  const functions = paths.flatMap((p) => /^functions\/([^/]+)\.ts$/.exec(p)?.[1] ?? []);
  const components = paths.flatMap((p) => /^components\/([^/]+)\.tsx$/.exec(p)?.[1] ?? []);
  const [blueprint, schema] = await Promise.all([blueprintSection(scope), schemaSection(scope)]);
  return [
    `Files:\n${shown.map((p) => `  ${p}`).join("\n")}${more}`,
    schema,
    blueprint,
    `Functions (functions/<name>.ts): ${functions.join(", ") || "none"}`,
    `Components (components/<Name>.tsx): ${components.join(", ") || "none"}`,
  ].join("\n\n");
}
