import { useEffect, useMemo } from "react";
import { bindingUrl, readPath, rowsOf, stringifyValue, type OptionsSource } from "@/lib/sdui/client";
import { usePage } from "./runtime-context";
import { useJsonResource } from "./use-json-resource";

/** A choice of a select: the value it sends and the text it shows. */
export type Choice = { value: string; label: string };

/**
 * A picker's choices: the rows a function returns, each by its `value` key (the id) and `label` key (the
 * name; `#<id>` when it has none). `refreshAs` registers the fetch under a node id for `refresh` actions.
 */
export function useOptions(source: OptionsSource | undefined, refreshAs: string): { choices: Choice[] | undefined; error: string | undefined } {
  const page = usePage();
  const url = source ? bindingUrl(source, page.scope) : "";
  const { data, error, refresh } = useJsonResource(url);
  useEffect(() => (source ? page.registry.register(refreshAs, refresh) : undefined), [page.registry, refreshAs, refresh, source]);
  const choices = useMemo(() => {
    if (!source || data === undefined) return undefined;
    return (rowsOf(data) ?? []).map((row) => {
      const value = stringifyValue(readPath(row, [source.value]));
      const label = stringifyValue(readPath(row, [source.label]));
      return { value, label: label === "" ? `#${value}` : label };
    });
  }, [data, source]);
  if (!source) return { choices: undefined, error: undefined };
  const wrong = data !== undefined && rowsOf(data) === null ? `${source.function} returned no rows to choose from` : undefined;
  return { choices, error: error ?? wrong };
}
