"use client";

import { useCallback, useRef, useState } from "react";
import { startRun, stopRun, watchRun, type StartRunError } from "./agent-api";
import { applyStreamEvent, endWithoutDone, pendingRun } from "./agent-run-model";
import { readSseStream } from "./agent-sse";
import type { RunDisplay } from "./agent-types";

/** How long a stopped run that this page watches gets to report its end. */
const STOP_WAIT_MS = 15_000;

const LOST_CONNECTION = { code: "unavailable", message: "The connection to the run was lost; its outcome will show once it is saved." };

/**
 * The run being streamed to this page: started here, or one started elsewhere (another tab, person or
 * node) that this page watches. Folds each server-sent event into it and stops it (the stop endpoint
 * and an aborted fetch). `onFinished` receives it once, however its stream ended.
 */
export function useAgentRun(projectId: string, onFinished: (run: RunDisplay) => void) {
  const [live, setLive] = useState<RunDisplay | null>(null);
  const [startError, setStartError] = useState<StartRunError | null>(null);
  const [isStopping, setIsStopping] = useState(false);
  const liveRef = useRef<RunDisplay | null>(null);
  const controllerRef = useRef<AbortController | null>(null);
  const isStoppedRef = useRef(false);
  const isWatchingRef = useRef(false);
  const counterRef = useRef(0);

  const update = useCallback((next: RunDisplay | null) => {
    liveRef.current = next;
    setLive(next);
  }, []);

  const finish = useCallback(
    (connectionLost: boolean) => {
      const run = liveRef.current;
      controllerRef.current = null;
      update(null);
      setIsStopping(false);
      if (!run) return;
      const ended = endWithoutDone(run, isStoppedRef.current);
      onFinished(connectionLost && !ended.error && !ended.isStreamComplete ? { ...ended, error: LOST_CONNECTION } : ended);
    },
    [onFinished, update],
  );

  /** Starts a run; `onAccepted` runs once the server has accepted it (the stream begins). */
  const start = useCallback(
    async (prompt: string, onAccepted: () => void) => {
      if (controllerRef.current) return;
      const controller = new AbortController();
      controllerRef.current = controller;
      isStoppedRef.current = false;
      isWatchingRef.current = false;
      counterRef.current += 1;
      setStartError(null);
      update(pendingRun(`live-${counterRef.current}-${Date.now()}`, prompt));
      let isAccepted = false;
      try {
        const started = await startRun(projectId, prompt, controller.signal);
        if (!started.ok) {
          setStartError(started.error);
          controllerRef.current = null;
          update(null);
          return;
        }
        isAccepted = true;
        onAccepted();
        await readSseStream(started.body, (event) => {
          if (liveRef.current) update(applyStreamEvent(liveRef.current, event));
        });
        finish(false);
      } catch {
        if (isAccepted) return finish(!isStoppedRef.current);
        // Refused before any stream (network down, or stopped while connecting).
        controllerRef.current = null;
        update(null);
        if (!isStoppedRef.current) setStartError({ status: 0, code: "unavailable", message: "Could not reach the server. Try again." });
      }
    },
    [projectId, update, finish],
  );

  /** Follows a run started elsewhere: what it streamed so far, then live, until it ends. */
  const watch = useCallback(
    async (runId: string, prompt: string) => {
      if (controllerRef.current) return;
      const controller = new AbortController();
      controllerRef.current = controller;
      isStoppedRef.current = false;
      isWatchingRef.current = true;
      update({ ...pendingRun(runId, prompt), id: runId });
      try {
        const body = await watchRun(projectId, runId, controller.signal);
        if (!body) {
          controllerRef.current = null;
          update(null);
          return;
        }
        await readSseStream(body, (event) => {
          if (liveRef.current) update(applyStreamEvent(liveRef.current, event));
        });
        finish(false);
      } catch {
        finish(!isStoppedRef.current);
      }
    },
    [projectId, update, finish],
  );

  /** Stops the run: tells the server (when it has named the run) and stops reading its stream. */
  const stop = useCallback(async () => {
    const controller = controllerRef.current;
    if (!controller) return;
    isStoppedRef.current = true;
    setIsStopping(true);
    const id = liveRef.current?.id;
    const stopping = id ? stopRun(projectId, id).catch(() => undefined) : undefined;
    if (isWatchingRef.current) {
      // A watched run's stream goes on to its own `done` (the commit of what it did so far); a stream
      // that brings none within STOP_WAIT_MS is let go.
      setTimeout(() => controller.abort(), STOP_WAIT_MS);
    } else controller.abort();
    await stopping;
  }, [projectId]);

  return { live, startError, isRunning: live !== null, isStopping, start, watch, stop };
}
