"use client";

import { useCallback, useEffect, useState } from "react";
import { api, apiUrl } from "@/components/ui/api-client";

/** A component the server rebuilt from an edit before committing it: its new bundle, or why it failed. */
export type HotComponent = { name: string; url: string } | { name: string; errors: { file: string; line: number; message: string }[] };

/** Hot component builds as they arrive, and whether a commit's files were all swapped in so. */
export type HotFeed = {
  subscribe(listener: (component: HotComponent) => void): () => void;
  /** True for a commit announced as hot: a preview that took in its components needs no reload. */
  isHot(sha: string): boolean;
};

function dataOf(event: MessageEvent): Record<string, unknown> | null {
  try {
    const data: unknown = JSON.parse(String(event.data));
    return typeof data === "object" && data !== null ? (data as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function componentOf(data: Record<string, unknown> | null): HotComponent | null {
  if (typeof data?.name !== "string") return null;
  if (typeof data.url === "string") return { name: data.name, url: data.url };
  if (!Array.isArray(data.errors)) return null;
  const errors = data.errors.flatMap((e: unknown) => {
    const d = typeof e === "object" && e !== null ? (e as Record<string, unknown>) : {};
    return typeof d.file === "string" && typeof d.line === "number" && typeof d.message === "string" ? [{ file: d.file, line: d.line, message: d.message }] : [];
  });
  return { name: data.name, errors };
}

// The hot commits a page has heard of are few (one per edit): the last hundred are enough to decide.
const MAX_HOT_SHAS = 100;

function createFeed(): HotFeed & { publish(component: HotComponent): void; markHot(sha: string): void } {
  const listeners = new Set<(component: HotComponent) => void>();
  const hot: string[] = [];
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    isHot: (sha) => hot.includes(sha),
    publish: (component) => listeners.forEach((listener) => listener(component)),
    markHot(sha) {
      hot.push(sha);
      if (hot.length > MAX_HOT_SHAS) hot.shift();
    },
  };
}

/**
 * The workspace HEAD, followed live: the server announces every commit from any writer (agent, editor,
 * API) once its builds settled, and before it each component it rebuilt from the edit (`hot`). EventSource
 * reconnects by itself, and the `head` event it gets first after a reconnect catches up on what was
 * missed. `refresh` reads it at once (after this page's own commit).
 */
export function useWorkspaceHead(projectId: string): { head: string | null; refresh: () => Promise<void>; hot: HotFeed } {
  const [head, setHead] = useState<string | null>(null);
  const [feed] = useState(createFeed);
  useEffect(() => {
    const source = new EventSource(apiUrl("GET", "/api/projects/{projectId}/head", { params: { projectId } }));
    const onSha = (event: MessageEvent) => {
      const data = dataOf(event);
      if (typeof data?.sha !== "string") return;
      // Marked before HEAD moves, so that the preview already knows this commit needs no reload.
      if (data.hot === true) feed.markHot(data.sha);
      setHead(data.sha);
    };
    const onComponent = (event: MessageEvent) => {
      const component = componentOf(dataOf(event));
      if (component) feed.publish(component);
    };
    source.addEventListener("head", onSha);
    source.addEventListener("commit", onSha);
    source.addEventListener("component", onComponent);
    return () => source.close();
  }, [projectId, feed]);
  const refresh = useCallback(async () => {
    const result = await api("GET", "/api/projects/{projectId}/head", { params: { projectId } });
    if (result.ok) setHead(result.data.sha);
  }, [projectId]);
  return { head, refresh, hot: feed };
}
