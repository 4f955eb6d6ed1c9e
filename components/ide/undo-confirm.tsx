"use client";

import type { UndoPlan, RevertedCommit } from "@/lib/agent";

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function CommitList({ commits, label }: { commits: RevertedCommit[]; label: string }) {
  if (commits.length === 0) return null;
  return (
    <li>
      {label}
      <ul>
        {commits.map((c) => (
          <li key={c.sha}>
            “{c.message.split("\n")[0]}” <span className="muted">by {c.authorName}, <code>{c.sha.slice(0, 7)}</code></span>
          </li>
        ))}
      </ul>
    </li>
  );
}

function DatabaseLine({ database }: { database: UndoPlan["database"] }) {
  if (!database) return null;
  if (!database.restored) {
    return <li>The dev database stays as it is: its copy from before the run is gone, so its tables may not match the migrations.</li>;
  }
  const changed = database.tables.filter((t) => t.rowsNow !== t.rowsInSnapshot);
  return (
    <li>
      The dev database goes back to its copy from before the run
      {changed.length === 0 ? " (no rows differ)." : ":"}
      {changed.length > 0 && (
        <ul>
          {changed.map((t) => (
            <li key={t.name}><code>{t.name}</code>: {plural(t.rowsNow, "row")} now, {plural(t.rowsInSnapshot, "row")} after the undo</li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** What undoing a run will revert, named before the person confirms it. */
export function UndoConfirm({ plan, isUndoing, onConfirm, onCancel }: { plan: UndoPlan; isUndoing: boolean; onConfirm: () => void; onCancel: () => void }) {
  const later = plan.laterRuns.length + plan.laterEdits.length;
  return (
    <div className="undo-confirm" role="alertdialog" aria-labelledby={`undo-title-${plan.runId}`} data-testid="agent-undo-plan">
      <p id={`undo-title-${plan.runId}`}><strong>Undo this run?</strong> The project goes back to commit <code>{plan.restoresTo.slice(0, 7)}</code>, as a new commit you can undo from the history. This reverts:</p>
      <ul>
        <li>this run’s changes ({plural(plan.ownCommits.length, "commit")})</li>
        <CommitList commits={plan.laterRuns} label={`${plural(plan.laterRuns.length, "later run")}, undone with it:`} />
        <CommitList commits={plan.laterEdits} label={`${plural(plan.laterEdits.length, "later edit")}, reverted too:`} />
        <li>{plural(plan.files.length, "file")}: {plan.files.slice(0, 6).map((f) => <code key={f}>{f} </code>)}{plan.files.length > 6 && "…"}</li>
        <DatabaseLine database={plan.database} />
      </ul>
      <div className="agent-actions">
        <button type="button" className="danger" data-testid="agent-undo-confirm" disabled={isUndoing} onClick={onConfirm}>
          {isUndoing ? "Undoing…" : later > 0 ? `Undo, reverting ${plural(later, "later change")} too` : "Undo"}
        </button>
        <button type="button" className="secondary" disabled={isUndoing} onClick={onCancel}>Cancel</button>
      </div>
    </div>
  );
}
