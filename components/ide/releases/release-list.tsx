"use client";

import type { Release } from "./releases-api";

function kb(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`;
}

function DiffLine({ diff }: { diff: Release["diff"] }) {
  if (!diff.previous) return <span className="muted">first release</span>;
  const parts = [
    ...diff.added.map((a) => `+ ${a.kind} ${a.name}`),
    ...diff.changed.map((a) => `~ ${a.kind} ${a.name}`),
    ...diff.removed.map((a) => `− ${a.kind} ${a.name}`),
  ];
  return <span className="muted">since {diff.previous.version}: {parts.length === 0 ? "no artifact changed" : parts.join(", ")}</span>;
}

type Props = { releases: Release[]; canDeploy: boolean; stagingReleaseId: string | null; onDeploy: (release: Release) => void };

/** The releases, newest first: notes, size, what changed since the one before, and deploy to staging. */
export function ReleaseList({ releases, canDeploy, stagingReleaseId, onDeploy }: Props) {
  if (releases.length === 0) return <p className="muted" data-testid="no-releases">No release yet. Cut one to put this version in front of your users.</p>;
  return (
    <ol className="release-list">
      {releases.map((r) => (
        <li key={r.id} data-testid="release" data-version={r.version}>
          <div className="release-head">
            <strong>{r.version}</strong>
            <span className="muted">{r.createdBy?.name ?? "someone"} · {new Date(r.createdAt).toLocaleString()} · {kb(r.sizeBytes)} · <code>{r.commitSha.slice(0, 7)}</code></span>
            {canDeploy && (
              <button type="button" className="secondary" data-testid="deploy-staging" disabled={r.id === stagingReleaseId} onClick={() => onDeploy(r)}>
                {r.id === stagingReleaseId ? "On staging" : "Deploy to staging"}
              </button>
            )}
          </div>
          {r.notes && <p className="release-notes">{r.notes}</p>}
          <DiffLine diff={r.diff} />
        </li>
      ))}
    </ol>
  );
}
