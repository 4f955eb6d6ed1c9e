"use client";

import { useState } from "react";
import type { CodeFinding } from "./releases-api";

const SHOWN_FINDINGS = 20;

/**
 * A release refused for high-severity security findings: the findings, and for owners an override that
 * must be ticked first (the audit log records it). Editors and viewers only see what to fix.
 */
export function SecurityRefusal({ findings, isOwner, busy, onOverride, onClose }: {
  findings: readonly CodeFinding[];
  isOwner: boolean;
  busy: boolean;
  onOverride: () => void;
  onClose: () => void;
}) {
  const [reviewed, setReviewed] = useState(false);
  const high = findings.filter((f) => f.severity === "high");
  return (
    <div className="undo-confirm" role="alertdialog" aria-label="Release refused: security findings" data-testid="security-refusal">
      <p><strong>{high.length} high-severity security {high.length === 1 ? "finding blocks" : "findings block"} this release</strong></p>
      <ul>
        {high.slice(0, SHOWN_FINDINGS).map((f) => (
          <li key={`${f.path}:${f.line}:${f.column}:${f.rule}`}><code>{f.path}:{f.line}</code> {f.message}</li>
        ))}
      </ul>
      {high.length > SHOWN_FINDINGS && <p className="muted">…and {high.length - SHOWN_FINDINGS} more; the code editor marks them all.</p>}
      {isOwner ? (
        <label className="check-line">
          <input type="checkbox" data-testid="security-override-check" checked={reviewed} onChange={(e) => setReviewed(e.target.checked)} /> Release anyway (I reviewed these findings)
        </label>
      ) : (
        <p className="muted">Fix them in the code editor, or ask a project owner to review them.</p>
      )}
      <div className="agent-actions">
        {isOwner && <button type="button" data-testid="security-override" disabled={busy || !reviewed} onClick={onOverride}>{busy ? "Working…" : "Release anyway"}</button>}
        <button type="button" className="secondary" disabled={busy} onClick={onClose}>Close</button>
      </div>
    </div>
  );
}
