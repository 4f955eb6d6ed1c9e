import { createContext, useContext } from "react";
import type { TemplateScope } from "@/lib/sdui/client";
import type { RefreshRegistry } from "./refresh-registry";

/** The tone of a page message. */
export type Tone = "info" | "success" | "warning" | "error";

/** What every node can reach: the MFE URLs, error reporting, page messages and confirmations. */
export type RuntimeValue = {
  components: Readonly<Record<string, string>>;
  report(error: { nodeId?: string; component?: string; message: string }): void;
  showMessage(text: string, tone: Tone): void;
  /** Asks in an in-app dialog; resolves false when the person cancels. */
  confirm(question: string): Promise<boolean>;
};

/** The page being shown: its template scope (route params, query) and its refresh registry. */
export type PageValue = { pageId: string; scope: TemplateScope; registry: RefreshRegistry };

export const RuntimeContext = createContext<RuntimeValue | null>(null);
export const PageContext = createContext<PageValue | null>(null);
/** Closes the nearest enclosing modal; null outside modals. */
export const ModalContext = createContext<(() => void) | null>(null);

/** The runtime, which every node of a rendered app has. */
export function useRuntime(): RuntimeValue {
  const value = useContext(RuntimeContext);
  if (!value) throw new Error("A node rendered outside the runtime.");
  return value;
}

/** The current page, which every node of a rendered app has. */
export function usePage(): PageValue {
  const value = useContext(PageContext);
  if (!value) throw new Error("A node rendered outside a page.");
  return value;
}
