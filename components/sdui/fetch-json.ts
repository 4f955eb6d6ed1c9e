import { errorMessageOf } from "@/lib/sdui/client";

/** A request to one of the app's functions. */
export type FetchJsonInit = { method?: string; body?: unknown; signal?: AbortSignal };

function parseBody(text: string): unknown {
  if (text === "") return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text; // a function may answer text; callers that need JSON reject it themselves
  }
}

/**
 * Fetches a function's URL on the app's own origin and resolves with the parsed body. A failure rejects
 * with an Error whose message is safe to show: the function's `{ error }` or the HTTP status.
 */
export async function fetchJson(url: string, init: FetchJsonInit = {}): Promise<unknown> {
  const hasBody = init.body !== undefined;
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method ?? "GET",
      headers: hasBody ? { accept: "application/json", "content-type": "application/json" } : { accept: "application/json" },
      body: hasBody ? JSON.stringify(init.body) : undefined,
      credentials: "same-origin",
      signal: init.signal,
    });
  } catch (err) {
    if (init.signal?.aborted) throw err;
    throw new Error("Could not reach the app's server; check the connection and try again.");
  }
  const body = parseBody(await res.text());
  if (!res.ok) throw new Error(errorMessageOf(res.status, res.statusText, body));
  return body;
}
