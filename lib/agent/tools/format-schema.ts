import type { TenantSchema, TenantTable } from "@/lib/tenant-db";

function tableLine(table: TenantTable): string {
  const columns = table.columns.map((c) => {
    const flags = [c.primaryKey ? "pk" : "", !c.nullable && !c.primaryKey ? "not null" : "", c.default !== null ? `default ${c.default}` : ""];
    return [c.name, c.type || "ANY", ...flags.filter(Boolean)].join(" ");
  });
  const lines = [`${table.name} (${table.rowCount} rows): ${columns.join(", ")}`];
  for (const fk of table.foreignKeys) {
    const target = fk.references.length > 0 ? `${fk.table}(${fk.references.join(", ")})` : fk.table;
    lines.push(`  fk (${fk.columns.join(", ")}) -> ${target}${fk.onDelete !== "NO ACTION" ? ` on delete ${fk.onDelete.toLowerCase()}` : ""}`);
  }
  for (const index of table.indexes) lines.push(`  ${index.unique ? "unique " : ""}index ${index.name} (${index.columns.join(", ")})`);
  return lines.join("\n");
}

/** A database schema in a few lines: one per table, with its keys and indexes indented below. */
export function formatSchema(schema: TenantSchema): string {
  if (schema.tables.length === 0 && schema.views.length === 0) return "The database has no tables yet.";
  const lines = schema.tables.map(tableLine);
  if (schema.views.length > 0) lines.push(`views: ${schema.views.map((v) => v.name).join(", ")}`);
  return lines.join("\n");
}
