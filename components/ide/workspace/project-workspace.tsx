"use client";

import { useCallback, useEffect, useMemo, useRef, useState, type CSSProperties } from "react";
import { AgentChat } from "../agent-chat";
import { CodePanel } from "../code/code-panel";
import { DatabasePanel } from "../database/database-panel";
import { FunctionsPanel } from "../functions/functions-panel";
import { HistoryPanel } from "../history/history-panel";
import { ReleaseManager } from "../releases/release-manager";
import { SettingsPanel } from "../settings/settings-panel";
import { PreviewPanel } from "./preview-panel";
import { TabList } from "./tab-list";
import { TABS, parseView, viewHref, type TabId } from "./tabs";
import type { PanelProps, WorkspaceProject } from "./types";
import { usePaneWidth } from "./use-pane-width";
import { WorkspaceNav } from "./workspace-nav";
import { useWorkspaceHead } from "./use-workspace-head";

type View = { tab: TabId; path: readonly string[] };
type Props = { project: WorkspaceProject; initialView: View };

function Panel({ tab, props }: { tab: TabId; props: PanelProps }) {
  switch (tab) {
    case "preview":
      return <PreviewPanel {...props} />;
    case "code":
      return <CodePanel {...props} />;
    case "database":
      return <DatabasePanel {...props} />;
    case "functions":
      return <FunctionsPanel {...props} />;
    case "history":
      return <HistoryPanel {...props} />;
    case "releases":
      return <ReleaseManager projectId={props.project.id} canCut={props.project.canEdit} canDeploy={props.project.canDeploy} isOwner={props.project.isOwner} />;
    case "settings":
      return <SettingsPanel {...props} />;
  }
}

/** Alt+1…7 switches tabs (on every layout, like Replit's and VS Code's own number keys). */
function useTabShortcuts(go: (tab: TabId) => void): void {
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      const tab = TABS[Number(event.code.replace(/^Digit/, "")) - 1];
      if (!tab) return;
      event.preventDefault();
      go(tab);
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [go]);
}

/**
 * The builder: the agent's chat beside a tabbed main area (Preview, Code, Database, Functions, History,
 * Releases, Settings), each tab at its own URL. A tab mounts when first opened and then stays mounted,
 * so an open file or a running preview survives a look at another tab. On a phone, chat and main area
 * are two views with a switch.
 */
export function ProjectWorkspace({ project, initialView }: Props) {
  const [view, setView] = useState<View>(initialView);
  // Each opened tab keeps its own path (the open file, table, commit) while another tab is shown.
  const [paths, setPaths] = useState<Partial<Record<TabId, readonly string[]>>>(() => ({ [initialView.tab]: initialView.path }));
  const [pane, setPane] = useState<"chat" | "main">("main");
  const { head, refresh, hot } = useWorkspaceHead(project.id);
  const { width, separator } = usePaneWidth(400);

  const show = useCallback((next: View, push: boolean) => {
    setView(next);
    setPaths((known) => ({ ...known, [next.tab]: next.path }));
    setPane("main");
    if (push) window.history.pushState(null, "", viewHref(project.id, next.tab, next.path));
  }, [project.id]);
  const pathsRef = useRef(paths);
  useEffect(() => {
    pathsRef.current = paths;
  }, [paths]);
  const go = useCallback((tab: TabId) => show({ tab, path: pathsRef.current[tab] ?? [] }, true), [show]);
  const nav = useMemo(() => ({ projectId: project.id, open: (tab: TabId, path: readonly string[]) => show({ tab, path }, true) }), [project.id, show]);
  useTabShortcuts(go);
  useEffect(() => {
    function onPop() {
      const segments = window.location.pathname.split("/").slice(3).map(decodeURIComponent);
      const parsed = parseView(segments);
      if (parsed) show(parsed, false);
    }
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, [show]);

  return (
    <WorkspaceNav.Provider value={nav}>
    <div className="ide" data-pane={pane} style={{ "--chat-width": `${width}px` } as CSSProperties}>
      <div className="ide-switch" role="group" aria-label="Show">
        <button type="button" className="secondary" aria-pressed={pane === "chat"} onClick={() => setPane("chat")}>Chat</button>
        <button type="button" className="secondary" aria-pressed={pane === "main"} onClick={() => setPane("main")}>Workspace</button>
      </div>
      <aside className="ide-chat" aria-label="Agent chat">
        {project.isOffline && project.canEdit && <OfflineBanner />}
        <AgentChat projectId={project.id} canEdit={project.canEdit} onCommitted={() => void refresh()} />
      </aside>
      <div className="ide-separator" role="separator" aria-orientation="vertical" aria-label="Resize the chat" tabIndex={0} {...separator} />
      <section className="ide-main" aria-label="Workspace">
        <TabList projectId={project.id} current={view.tab} onSelect={go} />
        {TABS.filter((tab) => paths[tab] !== undefined).map((tab) => (
          <div key={tab} role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} hidden={tab !== view.tab} className="ide-panel">
            <Panel tab={tab} props={{ project, head, hot, path: paths[tab] ?? [], navigate: (path) => show({ tab, path }, true) }} />
          </div>
        ))}
      </section>
    </div>
    </WorkspaceNav.Provider>
  );
}

function OfflineBanner() {
  return (
    <p className="ide-banner" role="note">
      No language model is configured, so the built-in planner builds your app. It understands requests like “a CRM with
      contacts (name, email, phone) and deals (title, amount, stage: lead/won/lost)”: entities, their fields and choices. Set
      a model in Settings for anything else.
    </p>
  );
}
