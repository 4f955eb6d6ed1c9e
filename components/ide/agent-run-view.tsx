"use client";

import { useState } from "react";
import type { UndoPlan } from "@/lib/agent";
import { AgentToolCard } from "./agent-tool-card";
import type { RunDisplay } from "./agent-types";
import { UndoConfirm } from "./undo-confirm";
import { WorkspaceLink } from "./workspace/workspace-nav";

const REASON_TEXT: Record<string, string> = {
  completed: "completed",
  max_steps: "stopped at the step limit",
  max_tokens: "stopped at the token budget",
  repeated_failure: "stopped: the same call kept failing",
  declined: "not done: the agent cannot build that",
  unverified: "not done: the app still fails its checks",
  aborted: "stopped by request",
  error: "stopped by an error",
  interrupted: "interrupted: the server restarted",
};

const STATUS_TEXT: Record<RunDisplay["status"], string> = { running: "Running", succeeded: "Succeeded", failed: "Failed", stopped: "Stopped" };

function statusLine(run: RunDisplay): string {
  const reason = run.reason ? (REASON_TEXT[run.reason] ?? run.reason) : null;
  const seconds = run.finishedAt ? Math.max(0, Math.round((Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000)) : null;
  return [STATUS_TEXT[run.status], reason && reason !== "completed" ? reason : null, seconds !== null && Number.isFinite(seconds) ? `in ${seconds} s` : null]
    .filter(Boolean)
    .join(" · ");
}

function Outcome({ run }: { run: RunDisplay }) {
  const { promptTokens, completionTokens } = run.usage;
  return (
    <>
      {run.summary && <p className="agent-summary" data-testid="agent-summary">{run.summary}</p>}
      <div className="agent-files" data-testid="agent-files">
        {run.filesChanged.length === 0 ? (
          <span className="muted">No files changed.</span>
        ) : (
          <details open={run.filesChanged.length <= 8}>
            <summary>{run.filesChanged.length} file{run.filesChanged.length === 1 ? "" : "s"} changed</summary>
            <ul>{run.filesChanged.map((f) => <li key={f}><WorkspaceLink tab="code" path={f.split("/")}><code>{f}</code></WorkspaceLink></li>)}</ul>
          </details>
        )}
      </div>
      <p className="muted agent-usage" data-testid="agent-usage" title={run.model ?? undefined}>
        {promptTokens} prompt + {completionTokens} completion tokens{run.provider ? ` (${run.provider})` : ""}
        {run.commitSha && <> · commit <WorkspaceLink tab="history" path={[run.commitSha]}><code>{run.commitSha.slice(0, 7)}</code></WorkspaceLink> <WorkspaceLink tab="history" path={[run.commitSha]}>View diff</WorkspaceLink></>}
      </p>
    </>
  );
}

type Props = {
  run: RunDisplay;
  isLive: boolean;
  canEdit: boolean;
  /** Another run is going on in this project: undo must wait for it. */
  isProjectBusy: boolean;
  /** What undoing the run would revert, or an error message. */
  onPlanUndo: (runId: string) => Promise<{ plan: UndoPlan } | { error: string }>;
  /** Undoes the run as `plan` said; resolves to an error message, or null when it worked. */
  onUndo: (plan: UndoPlan) => Promise<string | null>;
};

/** One run: the prompt, the streamed transcript with its tool calls, and once finished its outcome and Undo. */
export function AgentRunView({ run, isLive, canEdit, isProjectBusy, onPlanUndo, onUndo }: Props) {
  const [isUndoing, setIsUndoing] = useState(false);
  const [undoError, setUndoError] = useState<string | null>(null);
  const [plan, setPlan] = useState<UndoPlan | null>(null);
  const isRunning = run.status === "running";
  const isUndone = run.undoneAt !== null;

  // Undo first shows what it would revert; nothing changes until the person confirms that.
  async function review() {
    if (!run.id) return;
    setIsUndoing(true);
    setUndoError(null);
    const answer = await onPlanUndo(run.id);
    setIsUndoing(false);
    if ("error" in answer) setUndoError(answer.error);
    else setPlan(answer.plan);
  }

  async function confirm(confirmed: UndoPlan) {
    setIsUndoing(true);
    const error = await onUndo(confirmed);
    setIsUndoing(false);
    setUndoError(error);
    setPlan(null);
  }

  return (
    <article className="agent-run" data-testid="agent-run" data-status={run.status} data-run-id={run.id ?? undefined} aria-label={`Run: ${run.prompt.slice(0, 80)}`}>
      <p className="agent-bubble">{run.prompt}</p>
      <div className="agent-transcript" aria-live={isLive ? "polite" : undefined}>
        {run.items.map((item, i) =>
          item.kind === "text" ? (
            <p key={i} className="agent-text" data-testid="agent-text">{item.text}</p>
          ) : (
            <AgentToolCard key={item.id || i} item={item} isRunActive={isLive} />
          ),
        )}
        {isRunning && <p className="muted agent-working">{isLive ? "Working…" : "Running elsewhere…"}</p>}
      </div>
      {run.error && <p role="alert" className="form-error" data-testid="agent-error">{run.error.message}</p>}
      {!isRunning && (
        <footer className="agent-outcome">
          <p className="agent-status">
            <strong>{statusLine(run)}</strong>
            {isUndone && <span className="agent-badge agent-badge-undone">undone</span>}
          </p>
          <Outcome run={run} />
          {canEdit && run.id && (
            <div className="agent-actions">
              <button
                type="button"
                className="secondary"
                data-testid="agent-undo"
                disabled={isUndone || isUndoing || isProjectBusy || !run.commitSha || plan !== null}
                title={run.commitSha ? undefined : "This run committed no changes."}
                onClick={() => void review()}
              >
                {isUndone ? "Undone" : isUndoing && !plan ? "Checking…" : "Undo"}
              </button>
            </div>
          )}
          {plan && <UndoConfirm plan={plan} isUndoing={isUndoing} onConfirm={() => void confirm(plan)} onCancel={() => setPlan(null)} />}
          {undoError && <p role="alert" className="form-error" data-testid="agent-error">{undoError}</p>}
        </footer>
      )}
    </article>
  );
}
