// The schema of a spec as structured operations (never SQL): one table per entity, parents first.
import type { ColumnSpec, MigrationOperation } from "@/lib/tenant-db";
import type { AppSpec, EntitySpec, FieldSpec } from "./app-spec";

const COLUMN_TYPES: Record<FieldSpec["type"], ColumnSpec["type"]> = {
  text: "text", email: "text", url: "text", enum: "text", integer: "integer", real: "real", money: "real",
  boolean: "boolean", date: "datetime", datetime: "datetime",
};
const MAX_MIGRATION_NAME = 60;

/** The column of one field; relation fields reference their parent's table. */
export function columnOf(entity: EntitySpec, field: FieldSpec, tables: Map<string, string>): ColumnSpec {
  const relation = entity.relations.find((r) => r.field === field.name);
  const parent = relation ? tables.get(relation.entity) : undefined;
  return {
    name: field.name,
    type: COLUMN_TYPES[field.type],
    nullable: !field.required,
    // An enum left out of a new row takes its first option, the one forms show first.
    ...(field.type === "enum" && field.options?.[0] !== undefined ? { default: field.options[0] } : {}),
    ...(parent ? { references: { table: parent, column: "id", onDelete: "set null" as const } } : {}),
  };
}

/** An index on each relation column of an entity. */
export function relationIndexes(entity: EntitySpec): MigrationOperation[] {
  return entity.relations.map((relation) => ({ op: "create_index", table: entity.table, columns: [relation.field] }));
}

/** create_table per entity (with "id" and "created_at") and an index per relation column. */
export function planOperations(spec: AppSpec): MigrationOperation[] {
  const tables = new Map(spec.entities.map((e) => [e.name, e.table]));
  const operations: MigrationOperation[] = [];
  for (const entity of spec.entities) {
    const columns: ColumnSpec[] = [
      { name: "id", type: "integer", primaryKey: true },
      ...entity.fields.map((f) => columnOf(entity, f, tables)),
      { name: "created_at", type: "datetime" },
    ];
    operations.push({ op: "create_table", table: entity.table, columns });
  }
  for (const entity of spec.entities) operations.push(...relationIndexes(entity));
  return operations;
}

/** "create_todos", or "create_app_tables" when the table names would not fit. */
export function migrationName(spec: AppSpec): string {
  const name = `create_${spec.entities.map((e) => e.table).join("_")}`;
  return name.length <= MAX_MIGRATION_NAME ? name : "create_app_tables";
}
