// What the offline planner understood from a request: the data model and views, before any code.

/** The kinds of field the planner can infer; each maps to one column type, form input and table format. */
export type FieldType = "text" | "integer" | "real" | "boolean" | "date" | "datetime" | "email" | "url" | "money" | "enum";

/** One field of an entity; `name` is snake_case and safe as a column name. */
export type FieldSpec = { name: string; label: string; type: FieldType; options?: string[]; required: boolean };

/** `field` (e.g. "supplier_id") on this entity points at a row of `entity` (its singular name). */
export type RelationSpec = { field: string; entity: string };

/** A record type: `name` singular snake_case ("line_item"), `table` its plural ("line_items"). */
export type EntitySpec = { name: string; table: string; label: string; fields: FieldSpec[]; relations: RelationSpec[] };

/** A chart of one numeric field of an entity over its date (or creation time). */
export type ChartSpec = { entity: string; field: string };

/** The whole app as understood; `unknown` holds the phrases that were not used, in plain words. */
export type AppSpec = {
  appName: string;
  /** The record type the app opens on, when the request made one clear. */
  main?: string;
  entities: EntitySpec[];
  views: { dashboard: boolean; chart?: ChartSpec };
  unknown: string[];
};
