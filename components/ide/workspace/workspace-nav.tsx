"use client";

import { createContext, useContext, type MouseEvent, type ReactNode } from "react";
import { viewHref, type TabId } from "./tabs";

type Nav = { projectId: string; open: (tab: TabId, path: readonly string[]) => void };

/** Lets anything inside the builder (the chat's tool cards, a run's commit) open a tab at a path in place. */
export const WorkspaceNav = createContext<Nav | null>(null);

/** A link to a tab of the builder: opens it in place; with a modifier key (or outside the builder), a real link. */
export function WorkspaceLink({ tab, path, children }: { tab: TabId; path: readonly string[]; children: ReactNode }) {
  const nav = useContext(WorkspaceNav);
  if (!nav) return <>{children}</>;
  function onClick(event: MouseEvent<HTMLAnchorElement>) {
    if (!nav || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    nav.open(tab, path);
  }
  return <a href={viewHref(nav.projectId, tab, path)} onClick={onClick}>{children}</a>;
}
