import type { ErrorBody, ErrorCode } from "@/lib/errors";
import { STATUS_BY_CODE } from "@/lib/errors";

const JSON_HEADERS = { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" };

const createdMarker = Symbol("created");

/** A value to answer with 201 Created. */
export type Created<T> = { readonly [createdMarker]: true; readonly value: T };

/** Answer 201 with `value` as JSON. */
export function created<T>(value: T): Created<T> {
  return { [createdMarker]: true, value };
}

function isCreated(value: unknown): value is Created<unknown> {
  return typeof value === "object" && value !== null && createdMarker in value;
}

/** A JSON response. */
export function json(value: unknown, status = 200, headers?: Record<string, string>): Response {
  return new Response(JSON.stringify(value), { status, headers: { ...JSON_HEADERS, ...headers } });
}

/** The `{error: {code, message, field}}` response of an expected failure. */
export function errorResponse(code: ErrorCode, message: string, field?: string, headers?: Record<string, string>): Response {
  const body: ErrorBody = { error: field ? { code, message, field } : { code, message } };
  return json(body, STATUS_BY_CODE[code], headers);
}

/** What a handler returned, as a Response: a Response as is, nothing as 204, created() as 201, else 200 JSON. */
export function toResponse(value: unknown): Response {
  if (value instanceof Response) return value;
  if (value === undefined) return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
  if (isCreated(value)) return json(value.value, 201);
  return json(value);
}
