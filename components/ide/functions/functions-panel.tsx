"use client";

import { useCallback, useEffect, useState } from "react";
import type { PanelProps } from "@/components/ide/workspace/types";
import { listFunctions, type FunctionItem } from "./functions-api";
import { FunctionList } from "./function-list";
import { InvokeConsole } from "./invoke-console";
import { LiveLogs } from "./live-logs";
import { RecentInvocations } from "./recent-invocations";
import { useInvocations } from "./use-invocations";
import styles from "./functions.module.css";

type ListState = { functions: FunctionItem[] } | { error: string } | null;

/** The Functions tab: the workspace's functions; for the selected one, an invoke console, live logs and recent invocations. */
export function FunctionsPanel({ project, path, navigate, head }: PanelProps) {
  const [list, setList] = useState<ListState>(null);
  const selected = path[0] ?? null;

  const load = useCallback(async () => {
    const result = await listFunctions(project.id);
    setList(result.ok ? { functions: result.data } : { error: result.error.message });
  }, [project.id]);

  // A commit can add, remove or rebuild functions: the list follows HEAD.
  useEffect(() => {
    void load();
  }, [load, head]);

  if (list === null) return <section className="panel" aria-busy="true"><h2>Functions</h2><p className="muted">Loading functions…</p></section>;
  if ("error" in list) {
    return (
      <section className="panel">
        <h2>Functions</h2>
        <p role="alert" className="form-error">{list.error}</p>
        <button type="button" className="secondary" onClick={() => void load()}>Try again</button>
      </section>
    );
  }
  const current = list.functions.find((f) => f.name === selected) ?? null;
  return (
    <section className={`panel ${styles.panel}`} aria-labelledby="functions-heading" data-testid="functions">
      <h2 id="functions-heading">Functions</h2>
      {list.functions.length === 0 ? (
        <p className="muted">No functions yet. Add a file functions/&lt;name&gt;.ts whose default export handles a request.</p>
      ) : (
        <div className={styles.layout}>
          <FunctionList functions={list.functions} selected={selected} onSelect={(name) => navigate([name])} />
          <div className={styles.detail}>
            {selected === null && <p className="muted">Choose a function to invoke it and watch its logs.</p>}
            {selected !== null && current === null && <p role="alert" className="form-error">There is no function named {selected} at HEAD.</p>}
            {current && <FunctionDetail key={current.name} projectId={project.id} name={current.name} canInvoke={project.canEdit} onInvoked={() => void load()} />}
          </div>
        </div>
      )}
    </section>
  );
}

type DetailProps = { projectId: string; name: string; canInvoke: boolean; onInvoked: () => void };

// An invocation may build a new version, so the list (latest versions) reloads after one as well.
function FunctionDetail({ projectId, name, canInvoke, onInvoked }: DetailProps) {
  const { recent, live, stream, reload } = useInvocations(projectId, name);
  return (
    <div className="stack" data-testid="function-detail">
      <h3 className={styles.fnTitle}>{name} <code className="muted">functions/{name}.ts</code></h3>
      {canInvoke ? (
        <InvokeConsole projectId={projectId} name={name} onInvoked={() => { void reload(); onInvoked(); }} />
      ) : (
        <p className="muted">Viewers read logs; editors and owners can invoke functions.</p>
      )}
      <LiveLogs invocations={live} stream={stream} />
      <RecentInvocations state={recent} onReload={() => void reload()} />
    </div>
  );
}
