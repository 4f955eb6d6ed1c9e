// Which field names a row to people: pickers list parents by it, tables show it for a relation.
import type { EntitySpec } from "./app-spec";

const NAME_WORDS = /^(?:name|title|full_name|label|subject|username|first_name|code|number)$/;

/** The entity's naming field: a name-like text field, else its first text field, else "id". */
export function labelFieldOf(entity: Pick<EntitySpec, "fields" | "relations">): string {
  const text = entity.fields.filter((f) => ["text", "email"].includes(f.type) && !entity.relations.some((r) => r.field === f.name));
  return (text.find((f) => NAME_WORDS.test(f.name)) ?? text[0])?.name ?? "id";
}
