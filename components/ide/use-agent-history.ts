"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { listRuns } from "./agent-api";
import { fromRunView, mergeRunView } from "./agent-run-model";
import type { RunDisplay, RunView } from "./agent-types";

/** How often the list is re-read while a run this page is not streaming (another tab, a stopped stream) is running. */
const POLL_MS = 3000;

const byStart = (a: RunDisplay, b: RunDisplay) => a.startedAt.localeCompare(b.startedAt);

/** Runs merged with the server's views; `changed` are those whose commit moved (the preview must reload). */
function mergeViews(runs: RunDisplay[], views: RunView[]): { next: RunDisplay[]; changed: number } {
  let changed = 0;
  const next = [...runs];
  for (const view of views) {
    const index = next.findIndex((r) => r.id === view.id);
    const local = next[index];
    if (!local) {
      next.push(fromRunView(view));
      continue;
    }
    if (view.commitSha && view.commitSha !== local.commitSha) changed += 1;
    next[index] = mergeRunView(local, view);
  }
  return { next: next.sort(byStart), changed };
}

export type AgentHistory = ReturnType<typeof useAgentHistory>;

/**
 * The project's runs, oldest first (the API pages newest first): the first page on mount, earlier pages
 * on demand, and the newest page again after each run or while one started elsewhere is running.
 */
export function useAgentHistory(projectId: string, liveRunId: string | null, onCommitted: () => void) {
  const [runs, setRuns] = useState<RunDisplay[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [state, setState] = useState<"loading" | "ready" | "error">("loading");
  const [error, setError] = useState<string | null>(null);
  const runsRef = useRef<RunDisplay[]>([]);
  const onCommittedRef = useRef(onCommitted);
  useEffect(() => {
    onCommittedRef.current = onCommitted;
  }, [onCommitted]);

  // Every change goes through here so the async merges below always start from the latest list.
  const commit = useCallback((next: RunDisplay[]) => {
    runsRef.current = next;
    setRuns(next);
  }, []);

  const loadPage = useCallback(
    async (cursor: string | null) => {
      const result = await listRuns(projectId, cursor);
      if (!result.ok) {
        setError(`Could not load ${cursor ? "earlier runs" : "the run history"}: ${result.error.message}`);
        return false;
      }
      setError(null);
      const known = new Set(runsRef.current.map((r) => r.id));
      const older = result.data.runs.filter((v) => !known.has(v.id)).map(fromRunView);
      commit([...older, ...runsRef.current].sort(byStart));
      setNextCursor(result.data.nextCursor);
      return true;
    },
    [projectId, commit],
  );

  useEffect(() => {
    let isCurrent = true;
    void loadPage(null).then((ok) => isCurrent && setState(ok ? "ready" : "error"));
    return () => {
      isCurrent = false;
    };
  }, [loadPage]);

  /** Re-reads the newest page; a run whose commit changed reloads the preview. */
  const refresh = useCallback(async () => {
    const result = await listRuns(projectId, null);
    if (!result.ok) return;
    const { next, changed } = mergeViews(runsRef.current, result.data.runs);
    commit(next);
    if (changed > 0) onCommittedRef.current();
  }, [projectId, commit]);

  /** Adds a run streamed here, or replaces the entry it already has (same key or same id). */
  const upsert = useCallback(
    (run: RunDisplay) => {
      const current = runsRef.current;
      const index = current.findIndex((r) => r.key === run.key || (run.id !== null && r.id === run.id));
      commit(index === -1 ? [...current, run].sort(byStart) : current.map((r, i) => (i === index ? run : r)));
    },
    [commit],
  );

  /** Takes the server's view of one run (after undo) without reloading the preview. */
  const applyView = useCallback((view: RunView) => commit(mergeViews(runsRef.current, [view]).next), [commit]);

  const isOtherRunning = runs.some((r) => r.status === "running" && r.id !== null && r.id !== liveRunId);
  useEffect(() => {
    if (!isOtherRunning) return;
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [isOtherRunning, refresh]);

  const loadEarlier = useCallback(() => loadPage(nextCursor), [loadPage, nextCursor]);

  return { runs, state, error, hasEarlier: nextCursor !== null, loadEarlier, refresh, upsert, applyView };
}
