"use client";

import { useState, type FormEvent } from "react";
import { runQuery, type Env, type QueryResult } from "./database-api";
import { ResultTable } from "./result-table";
import styles from "./database-panel.module.css";

type Outcome = { ok: true; result: QueryResult } | { ok: false; message: string } | null;

/** One read-only SELECT against the chosen environment, its rows shown as a table or its error said. */
export function SqlBox({ projectId, env, defaultSql }: { projectId: string; env: Env; defaultSql: string }) {
  const [sql, setSql] = useState(defaultSql);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  async function run(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (sql.trim() === "") return setOutcome({ ok: false, message: "Write a SELECT first." });
    setBusy(true);
    const result = await runQuery(projectId, env, sql);
    setBusy(false);
    setOutcome(result.ok ? { ok: true, result: result.data } : { ok: false, message: result.error.message });
  }

  return (
    <section className={styles.section} aria-labelledby="db-sql-heading">
      <h3 id="db-sql-heading">SQL</h3>
      <form className={styles.sqlForm} onSubmit={(e) => void run(e)}>
        <label className="field">
          <span>SQL query</span>
          <textarea className={styles.sql} value={sql} maxLength={20_000} rows={4} spellCheck={false} aria-describedby="db-sql-hint" onChange={(e) => setSql(e.target.value)} />
        </label>
        <p id="db-sql-hint" className="muted">One read-only SELECT (or WITH … SELECT) against the {env} database.</p>
        <div className="agent-actions">
          <button type="submit" disabled={busy}>{busy ? "Running…" : "Run query"}</button>
        </div>
      </form>
      {busy && <p className="muted" aria-live="polite">Running…</p>}
      {outcome && !outcome.ok && <p role="alert" className="form-error">{outcome.message}</p>}
      {outcome?.ok && <QueryOutcome result={outcome.result} />}
    </section>
  );
}

function QueryOutcome({ result }: { result: QueryResult }) {
  const count = `${result.rows.length} row${result.rows.length === 1 ? "" : "s"}${result.truncated ? " (more matched; add a LIMIT or narrow the query)" : ""}, ${result.durationMs} ms`;
  return (
    <div className={styles.rows} data-testid="query-result">
      <p className="muted" aria-live="polite">{count}</p>
      {result.columns.length > 0 && <ResultTable columns={result.columns} rows={result.rows} caption="Query result" />}
    </div>
  );
}
