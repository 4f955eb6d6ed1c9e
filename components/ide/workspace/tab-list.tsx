"use client";

import { useRef, type KeyboardEvent, type MouseEvent } from "react";
import { TABS, TAB_LABELS, viewHref, type TabId } from "./tabs";

type Props = { projectId: string; current: TabId; onSelect: (tab: TabId) => void };

/**
 * The tabs as links (so each opens in a new browser tab too) with the WAI-ARIA tabs pattern: one tab
 * in the Tab order, arrow keys, Home and End move between them.
 */
export function TabList({ projectId, current, onSelect }: Props) {
  const refs = useRef<(HTMLAnchorElement | null)[]>([]);

  function onClick(event: MouseEvent<HTMLAnchorElement>, tab: TabId) {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    onSelect(tab);
  }

  function onKeyDown(event: KeyboardEvent<HTMLAnchorElement>, index: number) {
    const last = TABS.length - 1;
    const target = { ArrowRight: index === last ? 0 : index + 1, ArrowLeft: index === 0 ? last : index - 1, Home: 0, End: last }[event.key];
    const tab = target === undefined ? undefined : TABS[target];
    if (target === undefined || !tab) return;
    event.preventDefault();
    onSelect(tab);
    refs.current[target]?.focus();
  }

  return (
    <nav className="ide-tabs" aria-label="Project">
      <div role="tablist" aria-label="Project views">
        {TABS.map((tab, index) => (
          <a
            key={tab}
            ref={(el) => {
              refs.current[index] = el;
            }}
            role="tab"
            id={`tab-${tab}`}
            href={viewHref(projectId, tab)}
            aria-selected={tab === current}
            aria-controls={`panel-${tab}`}
            tabIndex={tab === current ? 0 : -1}
            title={`${TAB_LABELS[tab]} (Alt+${index + 1})`}
            onClick={(e) => onClick(e, tab)}
            onKeyDown={(e) => onKeyDown(e, index)}
          >
            {TAB_LABELS[tab]}
          </a>
        ))}
      </div>
    </nav>
  );
}
