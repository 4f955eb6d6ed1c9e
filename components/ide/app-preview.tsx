"use client";

import { useEffect, useRef, useState } from "react";
import { ParentMessage } from "@/lib/sdui";
import { reportPreviewError } from "./agent-api";
import type { HotFeed } from "./workspace/use-workspace-head";

type Props = {
  appUrl: string;
  ideOrigin: string;
  /** The workspace HEAD the frame should show: when it moves (after the first one), the frame loads the app again, unless the commit was all swapped in by `hot`. */
  version: string | null;
  /** Components rebuilt from an edit before its commit: each is handed to the running app to swap in. */
  hot?: HotFeed | undefined;
  /** When set, each runtime error is handed to the agent (its read_preview_errors tool). */
  projectId?: string | undefined;
};

/** How long the frame may take to report "ready" before the preview says the app did not start. */
const START_TIMEOUT_MS = 20_000;

type Status = { kind: "loading" | "ready" | "failed"; text: string };
const LOADING: Status = { kind: "loading", text: "Loading…" };

/**
 * The live preview: the app on its own origin in a frame (never this origin), and what its runtime
 * reports back by postMessage: ready with timings, errors with the node or component that failed.
 * It never sits on "loading": an error before "ready", or no word within 20 s, is shown as such.
 */
export function AppPreview({ appUrl, ideOrigin, version, hot, projectId }: Props) {
  const frame = useRef<HTMLIFrameElement>(null);
  const [status, setStatus] = useState<Status>(LOADING);
  const [errors, setErrors] = useState<string[]>([]);
  const [reloads, setReloads] = useState(0);
  const [shownVersion, setShownVersion] = useState(version);
  // Errors already handed to the agent since the frame last loaded: a re-render loop must not flood it.
  const reported = useRef(new Set<string>());
  // A swap the frame could not take (not started yet): the commit that follows must reload it.
  const [missedSwap, setMissedSwap] = useState(false);
  const isReady = useRef(false);
  const src = `${appUrl}/?ideOrigin=${encodeURIComponent(ideOrigin)}`;

  if (shownVersion !== version) {
    // A new commit: reload, unless this is only the first word of which HEAD the frame already shows, or
    // every file it changed was a component the frame has swapped in already.
    setShownVersion(version);
    const swapped = version !== null && hot?.isHot(version) === true && !missedSwap;
    if (shownVersion !== null && !swapped) {
      setMissedSwap(false);
      setReloads((n) => n + 1);
      setErrors([]);
      setStatus(LOADING);
    }
  }

  useEffect(() => {
    reported.current.clear();
    const timer = setTimeout(
      () => setStatus((s) => (s.kind === "loading" ? { kind: "failed", text: `The app did not start within ${START_TIMEOUT_MS / 1000} s.` } : s)),
      START_TIMEOUT_MS,
    );
    return () => clearTimeout(timer);
  }, [reloads]);

  useEffect(() => {
    isReady.current = status.kind === "ready";
  }, [status.kind]);

  useEffect(() => hot?.subscribe((component) => {
    if ("errors" in component) {
      const shown = component.errors.slice(0, 3).map((e) => `${component.name}: ${e.file}:${e.line}: ${e.message}`);
      setErrors((e) => [...e, ...shown].slice(-10));
      return;
    }
    const target = frame.current?.contentWindow;
    if (!target || !isReady.current) {
      setMissedSwap(true);
      return;
    }
    // To the app's origin only; the runtime takes it only from its parent, from this origin, in dev.
    target.postMessage({ type: "myco:hot", name: component.name, url: component.url }, new URL(appUrl).origin);
  }), [hot, appUrl]);

  useEffect(() => {
    function onMessage(event: MessageEvent) {
      // Only the frame we embed may talk to us, and only from the app's origin.
      if (event.source !== frame.current?.contentWindow || event.origin !== new URL(appUrl).origin) return;
      const parsed = ParentMessage.safeParse(event.data);
      if (!parsed.success) return;
      const data = parsed.data;
      if (data.type === "ready") setStatus({ kind: "ready", text: `Ready in ${Math.round(data.timings.firstRenderMs)} ms` });
      if (data.type === "navigate") setStatus({ kind: "ready", text: `At ${data.path}` });
      if (data.type !== "error") return;
      setStatus((s) => (s.kind === "loading" ? { kind: "failed", text: "The app did not start: see the error below." } : s));
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

  // The frame is given its address only once the listener above is in place (effects run in order): an app
  // that loads fast, before this page has hydrated, would otherwise say "ready" to nobody.
  const [listening, setListening] = useState(false);
  useEffect(() => setListening(true), []);

  return (
    <section className="preview" aria-label="Preview">
      <div className="preview-bar">
        <span className={`preview-status preview-status-${status.kind}`} data-testid="preview-status">{status.text}</span>
        <a href={appUrl} target="_blank" rel="noreferrer">Open app</a>
        <button type="button" className="secondary" onClick={() => { setErrors([]); setStatus(LOADING); setReloads((n) => n + 1); }}>
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
        key={reloads}
        ref={frame}
        src={listening ? src : undefined}
        title="App preview"
        className="preview-frame"
        sandbox="allow-scripts allow-forms allow-same-origin allow-popups"
        referrerPolicy="no-referrer"
      />
    </section>
  );
}
