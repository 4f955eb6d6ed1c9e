import type { ErrorBody } from "@/lib/errors";
import type { DocumentedMethod, RouteInput, RouteResult } from "@/lib/http";
// Types only, erased from the bundle: the route table's handlers carry their zod schemas and results as types.
import type { ApiRoutes } from "@/app/api/openapi.json/route-table";

/** The outcome of an IDE call to the JSON API. */
export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; error: ErrorBody["error"] };

/** A path of Myco's API in OpenAPI form (`/api/projects/{projectId}/files/{path}`), as /api-docs lists it. */
type ApiPath = keyof ApiRoutes;
/** The methods `P` implements. */
type ApiMethod<P extends ApiPath> = keyof ApiRoutes[P] & DocumentedMethod;
/** What a call sends: `params` of the path, `query` and `body`, each as the route's zod schema takes it in. */
type ApiInput<P extends ApiPath, M extends ApiMethod<P>> = RouteInput<ApiRoutes[P][M]>;
/** What the route answers with as JSON (dates as ISO strings; undefined for 204). */
type ApiData<P extends ApiPath, M extends ApiMethod<P>> = RouteResult<ApiRoutes[P][M]>;
/** The body a route takes, for calls that cannot go through api() (a stream, a keepalive beacon). */
export type ApiBody<P extends ApiPath, M extends ApiMethod<P>> = ApiInput<P, M> extends { body?: infer B } ? B : never;

type Sent = { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown };
// A route that takes nothing may be called without an input.
type InputArgs<I> = {} extends I ? [input?: I] : [input: I];

// A catch-all param is its segments, each encoded on its own, so "/" stays a separator and nothing else does.
function segment(value: unknown): string {
  return Array.isArray(value) ? value.map((s) => encodeURIComponent(String(s))).join("/") : encodeURIComponent(String(value));
}

function urlOf(path: string, { params = {}, query = {} }: Sent): string {
  const filled = path.replace(/\{([^}]+)\}/g, (_, name: string) => segment(params[name]));
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null) search.set(key, String(value));
  const text = search.toString();
  return text ? `${filled}?${text}` : filled;
}

/**
 * The URL of a call, for what sends it itself (an EventSource, a stream reader, a keepalive beacon);
 * the method only picks which of the path's routes types the params and query.
 */
export function apiUrl<P extends ApiPath, M extends ApiMethod<P>>(_method: M, path: P, ...[input]: InputArgs<Omit<ApiInput<P, M>, "body">>): string {
  return urlOf(path, (input ?? {}) as Sent);
}

/** Calls Myco's own API from the browser (same origin, session cookie) and never throws on an error answer. */
async function callApi<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<ApiResult<T>> {
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

/**
 * Calls `method path` with its params, query and body typed by the route's own zod schemas, so a change
 * to a route breaks the IDE's type-check rather than its requests. `api("GET", "/api/projects/{projectId}", { params: { projectId } })`.
 */
export function api<P extends ApiPath, M extends ApiMethod<P>>(method: M, path: P, ...[input]: InputArgs<ApiInput<P, M>>): Promise<ApiResult<ApiData<P, M>>> {
  const sent = (input ?? {}) as Sent;
  return callApi(urlOf(path, sent), { method, body: sent.body });
}
