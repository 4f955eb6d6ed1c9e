"use client";

import { useEffect, useState } from "react";
import type { WorkspaceProject } from "@/components/ide/workspace/types";
import { getAiUsage, type AiUsageView } from "./model-api";
import { UsageChart } from "./usage-chart";
import { AiBudgets } from "./ai-budget";
import styles from "./ai-usage-section.module.css";

type State = { usage: AiUsageView } | { error: string } | null;

const number = (n: number) => n.toLocaleString();
const dollars = (usd: number | null) => (usd === null ? "—" : `$${usd.toFixed(usd < 1 ? 4 : 2)}`);

function RunsTable({ runs }: { runs: AiUsageView["runs"] }) {
  return (
    <div className="table-scroll">
      <table className="table">
        <caption className="muted">Recent runs</caption>
        <thead>
          <tr>
            <th scope="col">Request</th>
            <th scope="col">Started</th>
            <th scope="col">Model</th>
            <th scope="col" className={styles.number}>Prompt tokens</th>
            <th scope="col" className={styles.number}>Completion tokens</th>
            <th scope="col" className={styles.number}>Cost</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr key={r.id}>
              <td className={styles.promptCell}>{r.prompt.length > 120 ? `${r.prompt.slice(0, 120)}…` : r.prompt}</td>
              <td>{new Date(r.startedAt).toLocaleString()}</td>
              <td>{r.model ?? "—"}</td>
              <td className={styles.number}>{number(r.promptTokens)}</td>
              <td className={styles.number}>{number(r.completionTokens)}</td>
              <td className={styles.number}>{dollars(r.costUsd)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Tokens per person over the 30 days, as bars scaled to the busiest. */
function UsersChart({ users }: { users: AiUsageView["users"] }) {
  const max = Math.max(1, ...users.map((u) => u.promptTokens + u.completionTokens));
  return (
    <ul className={styles.users} aria-label="Tokens per person, last 30 days">
      {users.map((u) => {
        const total = u.promptTokens + u.completionTokens;
        return (
          <li key={u.userId ?? "deleted"} data-testid="usage-user">
            <span className={styles.userName}>{u.email ?? "a deleted account"}</span>
            <span className={styles.userBar}><span className={styles.userFill} style={{ width: `${(total / max) * 100}%` }} /></span>
            <span className={styles.number}>{number(total)}{u.costUsd === null ? "" : ` · ${dollars(u.costUsd)}`}</span>
          </li>
        );
      })}
    </ul>
  );
}

function Legend() {
  return (
    <ul className={styles.legend} aria-hidden="true">
      <li><span className={`${styles.swatch} ${styles.swatchPrompt}`} />Prompt tokens</li>
      <li><span className={`${styles.swatch} ${styles.swatchCompletion}`} />Completion tokens</li>
    </ul>
  );
}

/** Settings › AI usage: monthly budgets, and tokens (with cost where prices are set) per day over the last 30 days and per recent run. */
export function AiUsageSection({ project }: { project: WorkspaceProject }) {
  const [state, setState] = useState<State>(null);

  useEffect(() => {
    let live = true;
    void getAiUsage(project.id).then((r) => live && setState(r.ok ? { usage: r.data } : { error: r.error.message }));
    return () => {
      live = false;
    };
  }, [project.id]);

  const heading = <h2 id="ai-usage-heading">AI usage</h2>;
  if (state === null) return <section className="panel" aria-busy="true" aria-labelledby="ai-usage-heading">{heading}<p className="muted">Loading usage…</p></section>;
  if ("error" in state) return <section className="panel" aria-labelledby="ai-usage-heading">{heading}<p role="alert" className="form-error">{state.error}</p></section>;
  const { usage } = state;
  const isEmpty = usage.runs.length === 0 && usage.totals.promptTokens + usage.totals.completionTokens === 0;
  return (
    <section className="panel" aria-labelledby="ai-usage-heading">
      {heading}
      <AiBudgets projectId={project.id} budgets={usage.budgets} isOwner={project.isOwner} onChange={(budgets) => setState({ usage: { ...usage, budgets } })} />
      {isEmpty ? (
        <p className="muted">No agent runs yet. Tokens used by each run will show here.</p>
      ) : (
        <>
          <p>
            Last 30 days: {number(usage.totals.promptTokens)} prompt and {number(usage.totals.completionTokens)} completion tokens
            {usage.totals.costUsd === null ? "." : `, about ${dollars(usage.totals.costUsd)} at the configured prices.`}
          </p>
          <UsageChart days={usage.days} />
          <Legend />
          {usage.users.length > 0 && <UsersChart users={usage.users} />}
          {usage.runs.length > 0 && <RunsTable runs={usage.runs} />}
        </>
      )}
    </section>
  );
}
