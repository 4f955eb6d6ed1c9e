"use client";

import type { Plan } from "./releases-api";

/** What restoring an earlier deployment changes, named before the person confirms it. */
export function RollbackConfirm({ plan, busy, onConfirm, onCancel }: { plan: Plan; busy: boolean; onConfirm: (restoreData: boolean) => void; onCancel: () => void }) {
  const lost = plan.tables.filter((t) => t.rowsNow !== t.rowsInSnapshot);
  const canRestore = plan.snapshot?.exists === true;
  return (
    <div className="undo-confirm" role="alertdialog" aria-labelledby="rollback-title" data-testid="rollback-plan">
      <p id="rollback-title">
        <strong>Restore {plan.to.version} on {plan.env}?</strong> {plan.env} serves {plan.from?.version ?? "nothing"} now; it will serve {plan.to.version} again, with no rebuild.
      </p>
      {plan.compatible ? (
        <p>
          The database stays as it is: {plan.laterMigrations.length === 0 ? "its schema is the one this version was built for." : `the ${plan.laterMigrations.length} later migration(s) only added to the schema, so ${plan.to.version} runs on it and keeps every row.`}
        </p>
      ) : (
        <>
          <p>
            {plan.to.version}’s code does not run on the database as it is now:{" "}
            {plan.laterMigrations.filter((m) => m.effect === "breaking").map((m) => `${m.name} (${m.reason})`).join(", ")}.
          </p>
          {canRestore ? (
            <>
              <p>The database goes back to its snapshot from {new Date(plan.snapshot?.takenAt ?? 0).toLocaleString()}. Rows written since are lost:</p>
              <ul>
                {lost.length === 0 ? <li>no table’s row count differs.</li> : lost.map((t) => <li key={t.name}><code>{t.name}</code>: {t.rowsNow} rows now, {t.rowsInSnapshot} after the restore</li>)}
              </ul>
            </>
          ) : (
            <p className="form-error">The snapshot from before that change is gone, so this version cannot be restored safely.</p>
          )}
        </>
      )}
      <div className="agent-actions">
        {(plan.compatible || canRestore) && (
          <button type="button" className={plan.compatible ? undefined : "danger"} data-testid="rollback-confirm" disabled={busy} onClick={() => onConfirm(!plan.compatible)}>
            {busy ? "Restoring…" : plan.compatible ? `Restore ${plan.to.version}` : `Restore ${plan.to.version} and its database`}
          </button>
        )}
        <button type="button" className="secondary" disabled={busy} onClick={onCancel}>Cancel</button>
      </div>
    </div>
  );
}
