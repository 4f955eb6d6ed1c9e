import { useCallback } from "react";
import { resolveTemplate, type TemplateScope } from "@/lib/sdui/client";
import { usePage } from "./runtime-context";

/** Resolves templates against the page's scope (route params, query) plus `extra` ({row}, …). */
export function useTemplate(): (template: string, extra?: TemplateScope) => string {
  const { scope } = usePage();
  return useCallback((template, extra) => resolveTemplate(template, extra ? { ...scope, ...extra } : scope), [scope]);
}
