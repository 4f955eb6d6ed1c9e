"use client";

import { useState } from "react";
import type { Invocation } from "./functions-api";
import { LogLines } from "./log-lines";
import { LEVEL_FILTERS, filterLines, isLevelFilter, linesOf, type LevelFilter } from "./log-filter";
import type { StreamState } from "./use-invocations";
import styles from "./functions.module.css";

const STREAM_TEXT: Record<StreamState, string> = {
  connecting: "Connecting…",
  live: "Live",
  retrying: "Reconnecting…",
  closed: "Disconnected: reload the page to reconnect.",
};

/** Invocations as they happen (newest first), each with its console lines at or above the chosen level. */
export function LiveLogs({ invocations, stream }: { invocations: readonly Invocation[]; stream: StreamState }) {
  const [filter, setFilter] = useState<LevelFilter>("all");
  const shown = invocations
    .map((invocation) => ({ invocation, lines: filterLines(linesOf(invocation), filter) }))
    // Under a level filter an invocation with nothing at that level is noise; under "all" each one shows.
    .filter((entry) => filter === "all" || entry.lines.length > 0);
  return (
    <section aria-labelledby="live-logs-heading" className="stack">
      <div className="inline-form">
        <h4 id="live-logs-heading">Live logs</h4>
        <span role="status" className={stream === "live" ? styles.live : "muted"} data-testid="live-status">{STREAM_TEXT[stream]}</span>
        <label className="field">
          <span>Level</span>
          <select value={filter} onChange={(e) => isLevelFilter(e.target.value) && setFilter(e.target.value)}>
            {LEVEL_FILTERS.map((f) => <option key={f.value} value={f.value}>{f.label}</option>)}
          </select>
        </label>
      </div>
      <div role="log" aria-label="Live logs" className={styles.liveLog}>
        {shown.length === 0 && <p className="muted">{invocations.length === 0 ? "Waiting for invocations…" : "Nothing at this level yet."}</p>}
        {shown.map(({ invocation, lines }) => (
          <article key={invocation.id} className={styles.liveEntry} data-testid="live-invocation">
            <p className={styles.logMeta}>
              {new Date(invocation.createdAt).toLocaleTimeString()} · {invocation.httpStatus} · {invocation.durationMs} ms · {invocation.trigger}
            </p>
            <LogLines lines={lines} empty="(no output)" />
          </article>
        ))}
      </div>
    </section>
  );
}
