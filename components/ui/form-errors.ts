import type { ApiResult } from "./api-client";

/** Field-keyed messages for a form, plus `form` for an error that names no field of it. */
export type FormErrors = Record<string, string>;

/** Turns a failed API result into messages under the fields it names; others go to `form`. */
export function formErrors(result: Extract<ApiResult<unknown>, { ok: false }>, fields: readonly string[]): FormErrors {
  const { field, message } = result.error;
  const text = field && message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
  return field && fields.includes(field) ? { [field]: text } : { form: message };
}
