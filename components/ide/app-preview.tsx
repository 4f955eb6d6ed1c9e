"use client";

import { useEffect, useRef, useState } from "react";
import { ParentMessage } from "@/lib/sdui";
import { reportPreviewError } from "./agent-api";

type Props = {
  appUrl: string;
  ideOrigin: string;
  /** Bumped by the parent when the workspace changed: the frame loads the app again. */
  reloadKey?: number;
  /** When set, each runtime error is handed to the agent (its read_preview_errors tool). */
  projectId?: string | undefined;
};

/**
 * The live preview: the app on its own origin in a frame (never this origin), and what its runtime
 * reports back by postMessage: ready with timings, errors with the node or component that failed.
 */
export function AppPreview({ appUrl, ideOrigin, reloadKey = 0, projectId }: Props) {
  const frame = useRef<HTMLIFrameElement>(null);
  const [status, setStatus] = useState<string>("loading…");
  const [errors, setErrors] = useState<string[]>([]);
  const [reloads, setReloads] = useState(0);
  const [seenReloadKey, setSeenReloadKey] = useState(reloadKey);
  // Errors already handed to the agent since the frame last loaded: a re-render loop must not flood it.
  const reported = useRef(new Set<string>());
  const src = `${appUrl}/?ideOrigin=${encodeURIComponent(ideOrigin)}`;

  if (seenReloadKey !== reloadKey) {
    // The parent asked for a reload: what the old frame reported no longer holds.
    setSeenReloadKey(reloadKey);
    setErrors([]);
    setStatus("loading…");
  }

  useEffect(() => {
    reported.current.clear();
  }, [reloadKey, reloads]);

  useEffect(() => {
    function onMessage(event: MessageEvent) {
      // Only the frame we embed may talk to us, and only from the app's origin.
      if (event.source !== frame.current?.contentWindow || event.origin !== new URL(appUrl).origin) return;
      const parsed = ParentMessage.safeParse(event.data);
      if (!parsed.success) return;
      const data = parsed.data;
      if (data.type === "ready") setStatus(`ready in ${Math.round(data.timings.firstRenderMs)} ms`);
      if (data.type === "navigate") setStatus(`at ${data.path}`);
      if (data.type !== "error") return;
      setErrors((e) => [...e.slice(-9), `${data.component ?? data.nodeId ?? "app"}: ${data.message}`]);
      const key = `${data.component ?? ""}\u0000${data.nodeId ?? ""}\u0000${data.message}`;
      if (!projectId || reported.current.has(key)) return;
      reported.current.add(key);
      const { message, component, nodeId } = data;
      reportPreviewError(projectId, { message, ...(component === undefined ? {} : { component }), ...(nodeId === undefined ? {} : { nodeId }) });
    }
    window.addEventListener("message", onMessage);
    return () => window.removeEventListener("message", onMessage);
  }, [appUrl, projectId]);

  return (
    <section className="panel preview" aria-labelledby="preview-heading">
      <div className="preview-bar">
        <h2 id="preview-heading">Preview</h2>
        <span className="muted" data-testid="preview-status">{status}</span>
        <a href={appUrl} target="_blank" rel="noreferrer">Open app</a>
        <button type="button" className="secondary" onClick={() => { setErrors([]); setStatus("loading…"); setReloads((n) => n + 1); }}>
          Reload
        </button>
      </div>
      {errors.length > 0 && (
        <div role="alert">
          <ul className="preview-errors" aria-label="Preview errors">
            {errors.map((e, i) => <li key={i}>{e}</li>)}
          </ul>
        </div>
      )}
      <iframe
        key={`${reloadKey}-${reloads}`}
        ref={frame}
        src={src}
        title="App preview"
        className="preview-frame"
        sandbox="allow-scripts allow-forms allow-same-origin allow-popups"
        referrerPolicy="no-referrer"
      />
    </section>
  );
}
