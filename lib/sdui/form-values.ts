import type { FormField } from "./schema-leaf-nodes";

/** What a form's inputs hold while it is edited: text for every input but checkboxes. */
export type FormDraft = Record<string, string | boolean>;

/** A select's options as value/label pairs (a plain string is both). */
export function selectOptions(field: FormField): { value: string; label: string }[] {
  return (field.options ?? []).map((o) => (typeof o === "string" ? { value: o, label: o } : o));
}

/** Each field's starting value: its default, else empty (unchecked; a select's first option). */
export function initialDraft(fields: readonly FormField[]): FormDraft {
  const draft: FormDraft = {};
  for (const field of fields) {
    if (field.input === "checkbox") draft[field.name] = field.default === true || field.default === "true";
    else if (field.default !== undefined) draft[field.name] = String(field.default);
    else draft[field.name] = field.input === "select" && field.required ? (selectOptions(field)[0]?.value ?? "") : "";
  }
  return draft;
}

function fieldError(field: FormField, value: string | boolean | undefined): string | null {
  if (field.input === "checkbox") return field.required && value !== true ? "Check this box to continue." : null;
  const text = typeof value === "string" ? value.trim() : "";
  if (text === "") return field.required ? `${field.label} is required.` : null;
  if (field.input === "number" && !Number.isFinite(Number(text))) return `${field.label} must be a number.`;
  if (field.input === "date" && !/^\d{4}-\d{2}-\d{2}$/.test(text)) return `${field.label} must be a date.`;
  return null;
}

/** The message of every field that is not filled in correctly, by field name; empty when all are fine. */
export function validateDraft(fields: readonly FormField[], draft: FormDraft): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const error = fieldError(field, draft[field.name]);
    if (error !== null) errors[field.name] = error;
  }
  return errors;
}

/**
 * The `{{form.…}}` values of a valid draft, typed by input: numbers as numbers (empty as null), checkboxes
 * as booleans, the rest as trimmed text.
 */
export function formValues(fields: readonly FormField[], draft: FormDraft): Record<string, string | number | boolean | null> {
  const values: Record<string, string | number | boolean | null> = {};
  for (const field of fields) {
    const raw = draft[field.name];
    if (field.input === "checkbox") values[field.name] = raw === true;
    else if (field.input === "number") values[field.name] = typeof raw === "string" && raw.trim() !== "" ? Number(raw) : null;
    else values[field.name] = typeof raw === "string" ? (field.input === "textarea" ? raw : raw.trim()) : "";
  }
  return values;
}
