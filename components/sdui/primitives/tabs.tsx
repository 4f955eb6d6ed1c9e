import { useRef, useState, type KeyboardEvent } from "react";
import type { NodeOf } from "@/lib/sdui/client";
import { NodeList } from "../node-view";
import { useTemplate } from "../use-template";
import { addStyles } from "../styles";

const TABS_CSS = `
.myco-tablist{display:flex;gap:4px;border-bottom:1px solid var(--myco-border);margin-bottom:16px}
.myco-tab{font:inherit;background:none;border:0;border-bottom:2px solid transparent;padding:8px 14px;cursor:pointer;color:var(--myco-muted);margin-bottom:-1px}
.myco-tab[aria-selected=true]{color:var(--myco-text);border-bottom-color:var(--myco-primary);font-weight:600}
.myco-tabpanel{display:flex;flex-direction:column;gap:16px}
`;

addStyles(TABS_CSS);

/** WAI-ARIA tabs: arrow keys move between tabs; only the selected panel is rendered (and fetches). */
export function TabsView({ node }: { node: NodeOf<"tabs"> }) {
  const resolve = useTemplate();
  const [selected, setSelected] = useState(0);
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const tabId = (i: number) => `${node.id}-tab-${i}`;
  const panelId = `${node.id}-panel`;
  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (step === 0) return;
    const next = (selected + step + node.tabs.length) % node.tabs.length;
    setSelected(next);
    tabRefs.current[next]?.focus();
  };
  const current = node.tabs[selected] ?? node.tabs[0];
  return (
    <div className="myco-tabs" data-node-id={node.id}>
      <div role="tablist" className="myco-tablist" onKeyDown={onKeyDown}>
        {node.tabs.map((tab, i) => (
          <button key={i} ref={(el) => { tabRefs.current[i] = el; }} type="button" role="tab" id={tabId(i)} aria-selected={i === selected}
            aria-controls={panelId} tabIndex={i === selected ? 0 : -1} className="myco-tab" onClick={() => setSelected(i)}>
            {resolve(tab.label)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={panelId} aria-labelledby={tabId(selected)} className="myco-tabpanel" tabIndex={0}>
        <NodeList key={selected} nodes={current?.children ?? []} />
      </div>
    </div>
  );
}
