// @myco/sdk: what a Myco app's own components (MFEs) import to reach the app. The runtime uses the same
// functions. It is built on its own (an import-map entry), so it keeps no state a second copy would miss:
// navigation goes through the History API and one window event the runtime listens for.
import { functionUrl, isAppPath, safeHref } from "@/lib/sdui/client";
import { fetchJson } from "./fetch-json";
import { useJsonResource, type JsonResource } from "./use-json-resource";

/** The window event the runtime re-renders on after navigate() pushes a new path. */
export const NAVIGATE_EVENT = "myco:navigate";

/** How to call a function: GET sends args as the query string, other methods as a JSON body. */
export type CallOptions = {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  args?: Record<string, unknown>;
  /** Appended to /_fn/<name>/, one percent-encoded segment per "/". */
  path?: string;
  signal?: AbortSignal;
};

/**
 * Calls `/_fn/<name>` on the app's origin and resolves with the parsed JSON answer (null when empty).
 * Rejects with an Error carrying the function's own error message, or the HTTP status.
 */
export async function callFunction<T = unknown>(name: string, options: CallOptions = {}): Promise<T> {
  const method = options.method ?? "GET";
  const isGet = method === "GET";
  const url = functionUrl(name, { path: options.path, query: isGet ? options.args : undefined });
  const body = isGet ? undefined : (options.args ?? {});
  return (await fetchJson(url, { method, body, signal: options.signal })) as T;
}

/**
 * Goes to an app path (History API; no reload) or an http(s) URL. Throws for anything else, such as
 * `javascript:` URLs, which templated links could otherwise smuggle in.
 */
export function navigate(to: string): void {
  const href = safeHref(to);
  if (href === null) throw new Error(`Cannot navigate to "${to.slice(0, 100)}": use an app path such as /todos or an http(s) URL.`);
  if (!isAppPath(href)) {
    window.location.assign(href);
    return;
  }
  if (href !== `${window.location.pathname}${window.location.search}${window.location.hash}`) window.history.pushState(null, "", href);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
  window.scrollTo(0, 0);
}

/** GETs `/_fn/<name>?<args>` and re-fetches when the args change or `refresh()` is called. */
export function useFunctionData<T = unknown>(name: string, args: Record<string, unknown> = {}): JsonResource<T> {
  return useJsonResource<T>(functionUrl(name, { query: args }));
}

export type { JsonResource };
