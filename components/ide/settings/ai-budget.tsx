"use client";

import { useState } from "react";
import { putBudget, type Budgets, type BudgetView } from "./model-api";
import styles from "./ai-usage-section.module.css";

const number = (n: number) => n.toLocaleString("en");

/** One budget as a meter: tokens used this month against the limit, amber from 80 %, red when spent. */
export function BudgetMeter({ label, budget }: { label: string; budget: BudgetView }) {
  const resets = budget.resetsAt.slice(0, 10);
  if (budget.limit === null) return <div className={styles.budget}><strong>{label}</strong><span className="muted">No monthly budget; {number(budget.used)} tokens this month.</span></div>;
  const percent = Math.min(100, Math.round((budget.share ?? 0) * 100));
  const tone = budget.exhausted ? styles.meterSpent : budget.warning ? styles.meterWarn : "";
  return (
    <div className={styles.budget} data-testid="ai-budget" data-warning={budget.warning} data-exhausted={budget.exhausted}>
      <strong>{label}</strong>
      <div className={styles.meter} role="meter" aria-valuemin={0} aria-valuemax={budget.limit} aria-valuenow={budget.used} aria-label={`${label}: ${percent} % used`}>
        <div className={`${styles.meterFill} ${tone}`} style={{ width: `${percent}%` }} />
      </div>
      <span>{number(budget.used)} of {number(budget.limit)} tokens ({percent} %), resets {resets}.</span>
      {budget.exhausted ? <span className="form-error">Spent: new agent runs are refused until {resets}.</span> : budget.warning && <span>Over 80 % used.</span>}
    </div>
  );
}

/** The project's and the user's monthly budgets; owners set the project's (empty: the server's default). */
export function AiBudgets({ projectId, budgets, isOwner, onChange }: { projectId: string; budgets: Budgets; isOwner: boolean; onChange: (b: Budgets) => void }) {
  const [value, setValue] = useState(budgets.project.limit === null ? "" : String(budgets.project.limit));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  async function save(event: React.FormEvent) {
    event.preventDefault();
    const tokens = value.trim() === "" ? null : Number(value);
    if (tokens !== null && (!Number.isInteger(tokens) || tokens < 0)) return setError("Monthly tokens: a whole number of 0 or more, or empty for the server's default.");
    setSaving(true);
    const res = await putBudget(projectId, tokens);
    setSaving(false);
    if (!res.ok) return setError(res.error.message);
    setError(null);
    onChange(res.data);
  }
  return (
    <div className="stack">
      <div className={styles.budgets}>
        <BudgetMeter label="This project, this month" budget={budgets.project} />
        <BudgetMeter label="You, across projects" budget={budgets.user} />
      </div>
      {isOwner && (
        <form className={styles.budgetForm} onSubmit={save} aria-label="Project budget">
          <label className="field">
            Project's monthly token budget
            <input name="monthlyTokens" inputMode="numeric" value={value} onChange={(e) => setValue(e.target.value)} placeholder="server default" />
          </label>
          <button type="submit" disabled={saving}>{saving ? "Saving…" : "Save budget"}</button>
          {error && <p role="alert" className="form-error">{error}</p>}
        </form>
      )}
    </div>
  );
}
