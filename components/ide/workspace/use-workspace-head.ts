"use client";

import { useCallback, useEffect, useState } from "react";
import { api, apiUrl } from "@/components/ui/api-client";

function shaOf(event: MessageEvent): string | null {
  try {
    const data: unknown = JSON.parse(String(event.data));
    return typeof data === "object" && data !== null && "sha" in data && typeof data.sha === "string" ? data.sha : null;
  } catch {
    return null;
  }
}

/**
 * The workspace HEAD, followed live: the server announces every commit from any writer (agent, editor,
 * API) once its builds settled. EventSource reconnects by itself, and the `head` event it gets first
 * after a reconnect catches up on what was missed. `refresh` reads it at once (after this page's own commit).
 */
export function useWorkspaceHead(projectId: string): { head: string | null; refresh: () => Promise<void> } {
  const [head, setHead] = useState<string | null>(null);
  useEffect(() => {
    const source = new EventSource(apiUrl("GET", "/api/projects/{projectId}/head", { params: { projectId } }));
    const onSha = (event: MessageEvent) => {
      const sha = shaOf(event);
      if (sha) setHead(sha);
    };
    source.addEventListener("head", onSha);
    source.addEventListener("commit", onSha);
    return () => source.close();
  }, [projectId]);
  const refresh = useCallback(async () => {
    const result = await api("GET", "/api/projects/{projectId}/head", { params: { projectId } });
    if (result.ok) setHead(result.data.sha);
  }, [projectId]);
  return { head, refresh };
}
