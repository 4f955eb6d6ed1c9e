import { useEffect } from "react";
import { bindingUrl, rowsOf, type Binding } from "@/lib/sdui/client";
import { usePage } from "./runtime-context";
import { useJsonResource, type JsonResource } from "./use-json-resource";

/**
 * A node's bound data: fetched from its function with the page's route and query in scope (so it re-runs
 * when they change, or when `extra` query keys do: a table's search, sort, filters and page), refetched
 * by `refresh` actions naming the node. `expectRows` makes any answer but an array, or `{ rows }`, an
 * error, as tables and lists need rows. No binding fetches nothing (a form without data).
 */
export function useBinding(nodeId: string, binding: Pick<Binding, "function" | "path" | "args"> | undefined, expectRows: boolean, extra?: Record<string, string>): JsonResource<unknown> {
  const page = usePage();
  const resource = useJsonResource(binding ? bindingUrl(binding, page.scope, extra) : "");
  const { refresh } = resource;
  const bound = binding !== undefined;
  useEffect(() => (bound ? page.registry.register(nodeId, refresh) : undefined), [page.registry, nodeId, refresh, bound]);
  if (binding && expectRows && resource.data !== undefined && rowsOf(resource.data) === null) {
    const got = resource.data === null ? "null" : typeof resource.data;
    return { ...resource, data: undefined, error: `${binding.function} returned ${got}, not an array of rows` };
  }
  return resource;
}
