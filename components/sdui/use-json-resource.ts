import { useCallback, useContext, useEffect, useState } from "react";
import { fetchJson } from "./fetch-json";
import { RenderCheckContext, type RenderCheck } from "./render-check-context";

/** A fetched value's state; `refresh` fetches it again, keeping the last data on screen meanwhile. */
export type JsonResource<T> = { data: T | undefined; error: string | undefined; loading: boolean; refresh: () => void };

type State = { url: string; data: unknown; error: string | undefined; loading: boolean };

// In a browser a URL starts loading; under the app check it starts with the answer fetched for it, or
// is recorded as wanted (and loads) when there is none yet.
function initialState(url: string, check: RenderCheck | null): State {
  const answer = check && url !== "" ? check.answers.get(url) : undefined;
  if (answer) return { url, data: answer.ok ? answer.data : undefined, error: answer.ok ? undefined : answer.message, loading: false };
  if (check && url !== "") check.requested.add(url);
  return { url, data: undefined, error: undefined, loading: url !== "" };
}

/** GETs a URL whenever it (or a refresh) changes; a stale answer for an earlier URL is discarded. An empty URL fetches nothing. */
export function useJsonResource<T = unknown>(url: string): JsonResource<T> {
  const check = useContext(RenderCheckContext);
  const [state, setState] = useState<State>(() => initialState(url, check));
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (url === "") return;
    const controller = new AbortController();
    setState((s) => (s.url === url && s.loading && s.error === undefined ? s : { url, data: s.url === url ? s.data : undefined, error: undefined, loading: true }));
    fetchJson(url, { signal: controller.signal }).then(
      (data) => setState({ url, data, error: undefined, loading: false }),
      (err: unknown) => {
        if (controller.signal.aborted) return;
        setState({ url, data: undefined, error: err instanceof Error ? err.message : "The request failed.", loading: false });
      },
    );
    return () => controller.abort();
  }, [url, generation]);
  const refresh = useCallback(() => setGeneration((g) => g + 1), []);
  const current = state.url === url ? state : { data: undefined, error: undefined, loading: url !== "" };
  return { data: current.data as T | undefined, error: current.error, loading: current.loading, refresh };
}
