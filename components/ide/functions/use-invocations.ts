"use client";

import { useCallback, useEffect, useState } from "react";
import { listInvocations, logsStreamUrl, type Invocation } from "./functions-api";

/** The live stream's state: connecting until the server answers, live while it streams, retrying after a drop, closed when refused. */
export type StreamState = "connecting" | "live" | "retrying" | "closed";

type Recent = { invocations: Invocation[] } | { error: string } | null;

const RECENT_LIMIT = 30;
const LIVE_LIMIT = 200;

function prependUnique(list: readonly Invocation[], item: Invocation, max: number): Invocation[] {
  return list.some((i) => i.id === item.id) ? [...list] : [item, ...list].slice(0, max);
}

function parseInvocation(data: string): Invocation | null {
  try {
    const value = JSON.parse(data) as Invocation;
    return typeof value?.id === "string" ? value : null;
  } catch {
    return null; // a frame we cannot read is skipped, not fatal to the stream
  }
}

/**
 * A function's recent invocations (the JSON page, newest first) and those that arrive live over the logs
 * stream while it is open. Every live arrival also joins the recent list, so the table and chart follow.
 */
export function useInvocations(projectId: string, name: string) {
  const [recent, setRecent] = useState<Recent>(null);
  const [live, setLive] = useState<Invocation[]>([]);
  const [stream, setStream] = useState<StreamState>("connecting");

  const reload = useCallback(async () => {
    const result = await listInvocations(projectId, name, RECENT_LIMIT);
    setRecent(result.ok ? { invocations: result.data.invocations } : { error: result.error.message });
  }, [projectId, name]);

  useEffect(() => {
    setRecent(null);
    setLive([]);
    void reload();
  }, [reload]);

  useEffect(() => {
    setStream("connecting");
    const source = new EventSource(logsStreamUrl(projectId, name));
    source.onopen = () => setStream("live");
    // EventSource reconnects by itself after a drop, but not after an error answer (it is CLOSED then).
    source.onerror = () => setStream(source.readyState === EventSource.CLOSED ? "closed" : "retrying");
    source.addEventListener("invocation", (event) => {
      const invocation = parseInvocation((event as MessageEvent<string>).data);
      if (!invocation) return;
      setLive((list) => prependUnique(list, invocation, LIVE_LIMIT));
      setRecent((r) => (r && "invocations" in r ? { invocations: prependUnique(r.invocations, invocation, RECENT_LIMIT) } : r));
    });
    return () => source.close();
  }, [projectId, name]);

  return { recent, live, stream, reload };
}
