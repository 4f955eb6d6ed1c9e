import { useEffect } from "react";
import { bindingUrl, type Binding } from "@/lib/sdui";
import { usePage } from "./runtime-context";
import { useJsonResource, type JsonResource } from "./use-json-resource";

/**
 * A node's bound data: fetched from its function with the page's route and query in scope (so it re-runs
 * when they change), refetched by `refresh` actions naming the node. `expectArray` makes any other
 * answer an error, as tables and lists need rows.
 */
export function useBinding(nodeId: string, binding: Binding, expectArray: boolean): JsonResource<unknown> {
  const page = usePage();
  const resource = useJsonResource(bindingUrl(binding, page.scope));
  const { refresh } = resource;
  useEffect(() => page.registry.register(nodeId, refresh), [page.registry, nodeId, refresh]);
  if (expectArray && resource.data !== undefined && !Array.isArray(resource.data)) {
    const got = resource.data === null ? "null" : typeof resource.data;
    return { ...resource, data: undefined, error: `${binding.function} returned ${got}, not an array of rows` };
  }
  return resource;
}
