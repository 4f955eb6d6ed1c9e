"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { UndoPlan } from "@/lib/agent";
import { planUndo, undoRun } from "./agent-api";
import { AgentComposer } from "./agent-composer";
import { AgentRunView } from "./agent-run-view";
import { AgentStarters } from "./agent-starters";
import { BudgetNotice } from "./budget-notice";
import type { RunDisplay } from "./agent-types";
import { useAgentHistory } from "./use-agent-history";
import { useAgentRun } from "./use-agent-run";

type Props = {
  projectId: string;
  /** Editors and owners build; viewers read the history only. */
  canEdit: boolean;
  /** The workspace has a new commit (a run committed, or one was undone): the preview reloads. */
  onCommitted: () => void;
};

/** Within this many pixels of the bottom the log follows new output; further up, the reader is reading. */
const FOLLOW_SLACK_PX = 80;

/** The builder's chat: the project's runs, oldest first, the one streaming now at the bottom, and the prompt box. */
export function AgentChat({ projectId, canEdit, onCommitted }: Props) {
  const logRef = useRef<HTMLDivElement>(null);
  const isFollowingRef = useRef(true);
  const refreshRef = useRef<() => Promise<void>>(async () => undefined);
  const upsertRef = useRef<(run: RunDisplay) => void>(() => undefined);

  const [runsFinished, setRunsFinished] = useState(0);
  const onFinished = useCallback(
    (run: RunDisplay) => {
      setRunsFinished((n) => n + 1);
      upsertRef.current(run);
      if (run.commitSha) onCommitted();
      // The server's record confirms the status (and, after a stop, the commit) of what streamed here.
      void refreshRef.current();
    },
    [onCommitted],
  );
  const agent = useAgentRun(projectId, onFinished);
  const [draft, setDraft] = useState<{ text: string } | null>(null);
  const history = useAgentHistory(projectId, agent.live?.id ?? null, onCommitted);
  useEffect(() => {
    refreshRef.current = history.refresh;
    upsertRef.current = history.upsert;
  }, [history.refresh, history.upsert]);

  const { applyView } = history;
  const planRunUndo = useCallback(
    async (runId: string) => {
      const result = await planUndo(projectId, runId);
      return result.ok ? { plan: result.data } : { error: result.error.message };
    },
    [projectId],
  );
  const undo = useCallback(
    async (plan: UndoPlan) => {
      const result = await undoRun(projectId, plan);
      if (!result.ok) return result.error.message;
      applyView(result.data.run);
      void refreshRef.current();
      onCommitted();
      return null;
    },
    [projectId, applyView, onCommitted],
  );

  // A run started elsewhere (another tab, person or node) streams here too, each at most once.
  const followedRef = useRef(new Set<string>());
  const live = agent.live;
  const { watch } = agent;
  useEffect(() => {
    if (live?.id) followedRef.current.add(live.id);
  }, [live?.id]);
  const elsewhere = live ? undefined : history.runs.find((r) => r.status === "running" && r.id !== null);
  useEffect(() => {
    if (!elsewhere?.id || followedRef.current.has(elsewhere.id)) return;
    followedRef.current.add(elsewhere.id);
    void watch(elsewhere.id, elsewhere.prompt);
  }, [elsewhere?.id, elsewhere?.prompt, watch]);

  const runs = live ? [...history.runs.filter((r) => r.id === null || r.id !== live.id), live] : history.runs;

  useEffect(() => {
    const log = logRef.current;
    if (log && isFollowingRef.current) log.scrollTop = log.scrollHeight;
  }, [live, history.state]);

  function onScroll() {
    const log = logRef.current;
    if (log) isFollowingRef.current = log.scrollHeight - log.scrollTop - log.clientHeight < FOLLOW_SLACK_PX;
  }

  return (
    <section className="panel agent-chat" aria-labelledby="agent-heading">
      <h2 id="agent-heading">Agent</h2>
      <div className="agent-log" ref={logRef} onScroll={onScroll}>
        {history.hasEarlier && (
          <button type="button" className="secondary agent-earlier" onClick={() => void history.loadEarlier()}>
            Load earlier runs
          </button>
        )}
        {history.error && <p role="alert" className="form-error" data-testid="agent-error">{history.error}</p>}
        {history.state === "loading" && <p className="muted">Loading runs…</p>}
        {history.state === "ready" && runs.length === 0 && (
          <p className="muted">{canEdit ? "No runs yet. Describe the app you want and press Build." : "No runs yet."}</p>
        )}
        {history.state === "ready" && runs.length === 0 && canEdit && (
          <AgentStarters disabled={agent.isRunning} onBuild={(prompt) => void agent.start(prompt, () => undefined)} onDraft={(text) => setDraft({ text })} />
        )}
        {runs.map((run) => (
          <AgentRunView
            key={run.key}
            run={run}
            isLive={run === live}
            canEdit={canEdit}
            isProjectBusy={agent.isRunning}
            onPlanUndo={planRunUndo}
            onUndo={undo}
          />
        ))}
      </div>
      {canEdit && <BudgetNotice projectId={projectId} runsFinished={runsFinished} />}
      {canEdit && (
        <AgentComposer
          isRunning={agent.isRunning}
          isStopping={agent.isStopping}
          error={agent.startError}
          onSubmit={(prompt, onAccepted) => {
            isFollowingRef.current = true;
            void agent.start(prompt, onAccepted);
          }}
          onStop={() => void agent.stop()}
          draft={draft}
        />
      )}
    </section>
  );
}
