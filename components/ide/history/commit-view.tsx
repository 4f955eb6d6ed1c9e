"use client";

import dynamic from "next/dynamic";
import { useEffect, useState } from "react";
import { getCommit, getFileChange, type CommitDetail, type FileChange } from "./history-api";

const DiffView = dynamic(() => import("../code/diff-view"), { ssr: false, loading: () => <p className="muted">Loading the diff…</p> });

type Props = { projectId: string; sha: string; file: string | null; onFile: (path: string) => void };

/** One commit: the files it changed (with line counts) and the diff of the chosen file, side by side. */
export function CommitView({ projectId, sha, file, onFile }: Props) {
  const [detail, setDetail] = useState<CommitDetail | { error: string } | null>(null);
  const [change, setChange] = useState<FileChange | { error: string } | null>(null);
  useEffect(() => {
    setDetail(null);
    void getCommit(projectId, sha).then((r) => setDetail(r.ok ? r.data : { error: r.error.message }));
  }, [projectId, sha]);
  const shown = file ?? (detail && !("error" in detail) ? (detail.files[0]?.path ?? null) : null);
  useEffect(() => {
    setChange(null);
    if (shown) void getFileChange(projectId, sha, shown).then((r) => setChange(r.ok ? r.data : { error: r.error.message }));
  }, [projectId, sha, shown]);

  if (detail === null) return <p className="muted">Loading the commit…</p>;
  if ("error" in detail) return <p role="alert" className="form-error">{detail.error}</p>;
  return (
    <div className="commit-view">
      <ul className="commit-files" aria-label="Files changed">
        {detail.files.map((f) => (
          <li key={f.path}>
            <button type="button" className="link-button" aria-current={f.path === shown ? "true" : undefined} onClick={() => onFile(f.path)}>
              {f.path}
            </button>{" "}
            <span className="muted">
              {f.status}
              {f.additions !== null && ` +${f.additions}`}
              {f.deletions !== null && ` −${f.deletions}`}
            </span>
          </li>
        ))}
      </ul>
      <div className="commit-diff" data-testid="commit-diff">
        {change === null ? (
          <p className="muted">{shown ? "Loading the diff…" : "This commit changed no files."}</p>
        ) : "error" in change ? (
          <p role="alert" className="form-error">{change.error}</p>
        ) : change.isBinary ? (
          <p className="muted">{change.path} is binary.</p>
        ) : (
          <DiffView path={change.path} before={change.before ?? ""} after={change.after ?? ""} />
        )}
      </div>
    </div>
  );
}
