import type { Action, Binding } from "./schema-parts";
import { resolveTemplate, resolveTemplateValue, stringifyValue, type TemplateScope } from "./template";

/**
 * `/_fn/<name>[/<path>][?<query>]` on the app's own origin. Each path segment is percent-encoded and
 * `.`/`..` segments are dropped, so a templated path cannot climb out of the function's URL space.
 */
export function functionUrl(name: string, options: { path?: string; query?: Record<string, unknown> } = {}): string {
  const segments = (options.path ?? "").split("/").filter((s) => s !== "" && s !== "." && s !== "..");
  const tail = segments.map((s) => `/${encodeURIComponent(s)}`).join("");
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(options.query ?? {})) query.append(key, stringifyValue(value));
  const search = query.toString();
  return `/_fn/${encodeURIComponent(name)}${tail}${search ? `?${search}` : ""}`;
}

/**
 * The URL a binding (or a picker's options) is fetched from (GET), its templated path and args resolved
 * against the scope; `extra` adds query keys of the runtime's own (a table's search, sort, filters, page).
 */
export function bindingUrl(binding: Pick<Binding, "function" | "path" | "args">, scope: TemplateScope, extra: Record<string, string> = {}): string {
  const query: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(binding.args ?? {})) query[key] = typeof value === "string" ? resolveTemplate(value, scope) : value;
  for (const [key, value] of Object.entries(extra)) if (value !== "") query[key] = value;
  const path = binding.path === undefined ? undefined : resolveTemplate(binding.path, scope);
  return functionUrl(binding.function, { path, query });
}

/** The rows of an answer: an array itself, or the `rows` of `{ rows, nextCursor }`; null when it is neither. */
export function rowsOf(data: unknown): unknown[] | null {
  if (Array.isArray(data)) return data;
  const rows = data !== null && typeof data === "object" ? (data as { rows?: unknown }).rows : undefined;
  return Array.isArray(rows) ? rows : null;
}

/** A call action's request: its URL, method and JSON body, templates resolved. */
export function callRequest(action: Extract<Action, { action: "call" }>, scope: TemplateScope): { url: string; method: string; body: Record<string, unknown> } {
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(action.args ?? {})) body[key] = typeof value === "string" ? resolveTemplateValue(value, scope) : value;
  const path = action.path === undefined ? undefined : resolveTemplate(action.path, scope);
  return { url: functionUrl(action.function, { path }), method: action.method, body };
}

/**
 * The message to show for a failed function call: the function's own `{ error: "…" }` or the platform's
 * `{ error: { message } }`, else the HTTP status. Bounded, since it is shown inline.
 */
export function errorMessageOf(status: number, statusText: string, body: unknown): string {
  const error = body !== null && typeof body === "object" ? (body as { error?: unknown }).error : undefined;
  const message =
    typeof error === "string" ? error
    : error !== null && typeof error === "object" && typeof (error as { message?: unknown }).message === "string" ? (error as { message: string }).message
    : `${status} ${statusText || "error"}`.trim();
  return message.slice(0, 500);
}

/**
 * An href that is safe to follow: an app path (`/…`, not `//host`) or an http(s) URL; anything else
 * (`javascript:`, `data:`, …) is null. Templates can put row data into links, so this runs after resolving.
 */
export function safeHref(to: string): string | null {
  const trimmed = to.trim();
  if (trimmed.startsWith("/") && !trimmed.startsWith("//") && !trimmed.startsWith("/\\")) return trimmed;
  return /^https?:\/\/[^\s]+$/i.test(trimmed) ? trimmed : null;
}

/** Whether a safe href stays inside the app (and so is routed with the History API). */
export function isAppPath(href: string): boolean {
  return href.startsWith("/") && !href.startsWith("//");
}
