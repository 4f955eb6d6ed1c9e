import type { ErrorBody } from "@/lib/errors";

/** The outcome of an IDE call to the JSON API. */
export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; error: ErrorBody["error"] };

/** Calls Myco's own API from the browser (same origin, session cookie) and never throws on an error answer. */
export async function callApi<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<ApiResult<T>> {
  const res = await fetch(path, {
    method: init.method ?? "GET",
    headers: init.body === undefined ? undefined : { "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (res.status === 204) return { ok: true, data: undefined as T };
  const payload: unknown = await res.json().catch(() => null);
  if (res.ok) return { ok: true, data: payload as T };
  const error = (payload as ErrorBody | null)?.error ?? { code: "internal", message: `Request failed (${res.status}).` };
  return { ok: false, status: res.status, error };
}
