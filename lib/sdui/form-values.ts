import type { FormField } from "./schema-leaf-nodes";
import { resolveTemplateValue, type TemplateScope } from "./template";

/** What a form's inputs hold while it is edited: text for every input but checkboxes. */
export type FormDraft = Record<string, string | boolean>;

/** A select's fixed options as value/label pairs (a plain string is both). */
export function selectOptions(field: FormField): { value: string; label: string }[] {
  return (field.options ?? []).map((o) => (typeof o === "string" ? { value: o, label: o } : o));
}

// A value as an input of this kind holds it: datetime-local wants "YYYY-MM-DDTHH:MM", date "YYYY-MM-DD".
function asInput(field: FormField, value: unknown): string | boolean {
  if (field.input === "checkbox") return value === true || value === 1 || value === "1" || value === "true";
  if (value === undefined || value === null) return "";
  const text = typeof value === "string" ? value : typeof value === "number" || typeof value === "boolean" ? String(value) : "";
  if (field.input === "date" && /^\d{4}-\d{2}-\d{2}/.test(text)) return text.slice(0, 10);
  if (field.input === "datetime" && /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(text)) return text.slice(0, 16).replace(" ", "T");
  return text;
}

/**
 * Each field's starting value: its default (a template such as {{route.id}} or {{row.title}} is resolved
 * against `scope`), else empty (unchecked; a required select with fixed options starts on the first).
 */
export function initialDraft(fields: readonly FormField[], scope: TemplateScope = {}): FormDraft {
  const draft: FormDraft = {};
  for (const field of fields) {
    const value = typeof field.default === "string" ? resolveTemplateValue(field.default, scope) : field.default;
    if (value !== undefined && value !== "") draft[field.name] = asInput(field, value);
    else if (field.input === "checkbox") draft[field.name] = false;
    else draft[field.name] = field.input === "select" && field.required ? (selectOptions(field)[0]?.value ?? "") : "";
  }
  return draft;
}

/** The draft with every field the answer has taken from it: an object, or an array's first row. */
export function draftFromData(fields: readonly FormField[], draft: FormDraft, data: unknown): FormDraft {
  const row = Array.isArray(data) ? data[0] : data;
  if (row === null || typeof row !== "object") return draft;
  const next = { ...draft };
  for (const field of fields) if (Object.hasOwn(row, field.name)) next[field.name] = asInput(field, (row as Record<string, unknown>)[field.name]);
  return next;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

function fieldError(field: FormField, value: string | boolean | undefined): string | null {
  if (field.input === "checkbox") return field.required && value !== true ? "Check this box to continue." : null;
  const text = typeof value === "string" ? value.trim() : "";
  if (text === "") return field.required ? `${field.label} is required.` : null;
  if (field.input === "number" && !Number.isFinite(Number(text))) return `${field.label} must be a number.`;
  if (field.input === "date" && !/^\d{4}-\d{2}-\d{2}$/.test(text)) return `${field.label} must be a date.`;
  if (field.input === "datetime" && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?$/.test(text)) return `${field.label} must be a date and time.`;
  if (field.input === "email" && !EMAIL.test(text)) return `${field.label} must be an email address.`;
  if (field.input === "url" && !/^https?:\/\/\S+$/i.test(text)) return `${field.label} must be a web address starting with http:// or https://.`;
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
 * as booleans, a picker's numeric ids as numbers (empty as null), the rest as trimmed text.
 */
export function formValues(fields: readonly FormField[], draft: FormDraft): Record<string, string | number | boolean | null> {
  const values: Record<string, string | number | boolean | null> = {};
  for (const field of fields) {
    const raw = draft[field.name];
    const text = typeof raw === "string" ? raw.trim() : "";
    if (field.input === "checkbox") values[field.name] = raw === true;
    else if (field.input === "number") values[field.name] = text !== "" ? Number(text) : null;
    else if (field.optionsFrom || field.input === "hidden") values[field.name] = text === "" ? null : /^-?\d+(?:\.\d+)?$/.test(text) ? Number(text) : text;
    else values[field.name] = typeof raw === "string" ? (field.input === "textarea" ? raw : text) : "";
  }
  return values;
}
