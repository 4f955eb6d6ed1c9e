"use client";

import { useCallback, useEffect, useState } from "react";
import type { PanelProps } from "../workspace/types";
import { workspacePathOf } from "../code/code-api";
import { CommitView } from "./commit-view";
import { listHistory, restoreCommit, type Commit } from "./history-api";

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });

/** What restoring `sha` reverts: every later commit, and the files they touched. */
function revertedBy(commits: readonly Commit[], sha: string): { later: Commit[]; files: string[] } {
  const index = commits.findIndex((c) => c.sha === sha);
  const later = index < 0 ? [] : commits.slice(0, index);
  return { later, files: [...new Set(later.flatMap((c) => c.files))].sort() };
}

/**
 * The History tab: commits newest first (paged by cursor) with author, time and files; a commit's
 * diff file by file; "Restore this version", which first names every later commit and file it reverts.
 */
export function HistoryPanel({ project, path, navigate, head }: PanelProps) {
  const [commits, setCommits] = useState<Commit[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  // Only a commit id from the URL reaches the API (a crafted link cannot aim it anywhere else).
  const sha = /^[0-9a-f]{7,40}$/.test(path[0] ?? "") ? path[0] : undefined;
  const file = sha ? path.slice(1) : [];

  const load = useCallback(async () => {
    const result = await listHistory(project.id, null);
    if (!result.ok) return setError(result.error.message);
    setError(null);
    setCommits(result.data.commits);
    setNext(result.data.nextCursor);
  }, [project.id]);
  useEffect(() => {
    void load();
  }, [load, head]);
  useEffect(() => setAsking(false), [sha]);

  async function loadOlder() {
    const result = await listHistory(project.id, next);
    if (!result.ok) return setError(result.error.message);
    setCommits((list) => [...(list ?? []), ...result.data.commits]);
    setNext(result.data.nextCursor);
  }
  async function restore(target: string) {
    const result = await restoreCommit(project.id, target);
    setAsking(false);
    if (!result.ok) return setError(result.error.message);
    setMessage(result.data.commit ? `Restored ${target.slice(0, 7)} as a new commit; the preview updates.` : "The workspace already matched that version.");
  }

  if (error && commits === null) return <p role="alert" className="form-error">{error}</p>;
  if (commits === null) return <p className="muted">Loading history…</p>;
  const selected = commits.find((c) => c.sha === sha || (sha !== undefined && c.sha.startsWith(sha)));
  const plan = selected ? revertedBy(commits, selected.sha) : null;
  return (
    <div className="history-panel">
      <ol className="history-list" aria-label="Commits">
        {commits.map((c) => (
          <li key={c.sha} aria-current={c === selected ? "true" : undefined}>
            <button type="button" className="history-commit" onClick={() => navigate([c.sha])}>
              <strong>{c.message.split("\n")[0] || "(no message)"}</strong>
              <span className="muted">{c.authorName} · {when(c.date)} · <code>{c.sha.slice(0, 7)}</code>{c.runId && " · agent run"}</span>
              <span className="muted history-files">{c.files.slice(0, 4).join(", ")}{c.files.length > 4 && ` +${c.files.length - 4} more`}</span>
            </button>
          </li>
        ))}
        {next && <li><button type="button" className="secondary" onClick={() => void loadOlder()}>Load older commits</button></li>}
      </ol>
      <section className="history-detail" aria-label="Commit">
        {error && <p role="alert" className="form-error">{error}</p>}
        {message && <p role="status">{message}</p>}
        {!sha ? (
          <p className="muted">Pick a commit to see what it changed.</p>
        ) : (
          <>
            {selected && plan && project.canEdit && plan.later.length > 0 && (
              <div className="history-restore">
                {!asking ? (
                  <button type="button" className="secondary" onClick={() => setAsking(true)}>Restore this version</button>
                ) : (
                  <div className="undo-confirm" role="group" aria-label="Confirm restore">
                    <p>
                      Restoring makes the workspace look as it did at <code>{selected.sha.slice(0, 7)}</code>, as a new commit (nothing is erased from history). It reverts {plan.later.length} later {plan.later.length === 1 ? "commit" : "commits"}:
                    </p>
                    <ul>{plan.later.map((c) => <li key={c.sha}>{c.message.split("\n")[0]} ({c.authorName})</li>)}</ul>
                    <p>Files it changes back: {plan.files.map((f, i) => <span key={f}>{i > 0 && ", "}<code>{f}</code></span>)}</p>
                    <div className="agent-actions">
                      <button type="button" className="danger" onClick={() => void restore(selected.sha)}>Restore</button>
                      <button type="button" className="secondary" onClick={() => setAsking(false)}>Cancel</button>
                    </div>
                  </div>
                )}
              </div>
            )}
            <CommitView projectId={project.id} sha={sha} file={file.length > 0 ? workspacePathOf(file) : null} onFile={(f) => navigate([sha, ...f.split("/")])} />
          </>
        )}
      </section>
    </div>
  );
}
