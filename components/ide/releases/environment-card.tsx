"use client";

import { useState } from "react";
import { planRollback, rollback, type Deployment, type Environment, type Plan } from "./releases-api";
import { ConfirmBox } from "./confirm-box";
import { RollbackConfirm } from "./rollback-confirm";

type Props = {
  projectId: string;
  env: Environment;
  canDeploy: boolean;
  /** Promote: deploy what staging runs to prod (only on prod's card, when staging runs something else). */
  promote: { version: string; onPromote: () => Promise<string | null> } | null;
  onChanged: () => void;
};

function when(iso: string): string {
  return new Date(iso).toLocaleString();
}

function HistoryRow({ d, isCurrent, action }: { d: Deployment; isCurrent: boolean; action: React.ReactNode }) {
  return (
    <li data-testid="deployment" data-status={d.status} className={isCurrent ? "current" : undefined}>
      <span><strong>{d.release.version}</strong>{d.rollbackOf && <span className="agent-badge">rollback</span>}{d.restoredData && <span className="agent-badge">data restored</span>}{d.status !== "live" && <span className="agent-badge agent-badge-false">{d.status}</span>}</span>
      <span className="muted">{d.actor?.name ?? "Myco"} · {when(d.createdAt)}</span>
      {action}
    </li>
  );
}

/** One environment: its URL, what it serves, its history, and (for deployers) promote and restore. */
export function EnvironmentCard({ projectId, env, canDeploy, promote, onChanged }: Props) {
  const [plan, setPlan] = useState<Plan | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirmingPromote, setConfirmingPromote] = useState(false);

  async function review(deploymentId: string) {
    setError(null);
    const result = await planRollback(projectId, env.name, deploymentId);
    if (result.ok) setPlan(result.data);
    else setError(result.error.message);
  }

  async function confirm(restoreData: boolean) {
    if (!plan) return;
    setBusy(true);
    const result = await rollback(projectId, env.name, plan.to.deploymentId, restoreData);
    setBusy(false);
    setPlan(null);
    if (!result.ok) return setError(result.error.message);
    onChanged();
  }

  async function doPromote() {
    if (!promote) return;
    setBusy(true);
    setError(await promote.onPromote());
    setBusy(false);
    setConfirmingPromote(false);
  }

  const shown = env.history.filter((d) => d.status === "live" || d.id === env.current?.id).slice(0, 8);
  return (
    <section className="env-card" aria-label={`Environment ${env.name}`} data-testid={`env-${env.name}`}>
      <header>
        <h3>{env.name}</h3>
        <span data-testid="env-version">{env.name === "dev" ? "workspace HEAD" : env.current ? env.current.release.version : "nothing deployed"}</span>
      </header>
      <a href={env.url} target="_blank" rel="noreferrer" className="env-url">{env.url.replace(/^https?:\/\//, "")}</a>
      {env.name === "dev" && <p className="muted">Follows every commit{env.headSha ? ` (now ${env.headSha.slice(0, 7)})` : ""}.</p>}
      {promote && canDeploy && <button type="button" data-testid="promote" disabled={busy || confirmingPromote} onClick={() => setConfirmingPromote(true)}>Promote {promote.version} to prod</button>}
      {promote && confirmingPromote && (
        <ConfirmBox title={`Promote ${promote.version} to prod?`} confirmLabel={`Promote ${promote.version}`} busy={busy} testId="promote-plan" onConfirm={() => void doPromote()} onCancel={() => setConfirmingPromote(false)}>
          <p>prod serves {env.current?.release.version ?? "nothing"} now and will serve exactly what staging runs, {promote.version}; its pending migrations run on prod’s database first (a snapshot is taken).</p>
        </ConfirmBox>
      )}
      {env.name !== "dev" && shown.length > 0 && (
        <ol className="env-history">
          {shown.map((d) => (
            <HistoryRow key={d.id} d={d} isCurrent={d.id === env.current?.id} action={canDeploy && d.id !== env.current?.id && d.status === "live" && d.release.id !== env.current?.release.id ? (
              <button type="button" className="link-button" data-testid="restore-version" onClick={() => void review(d.id)}>Restore this version</button>
            ) : null} />
          ))}
        </ol>
      )}
      {plan && <RollbackConfirm plan={plan} busy={busy} onConfirm={(restore) => void confirm(restore)} onCancel={() => setPlan(null)} />}
      {error && <p role="alert" className="form-error">{error}</p>}
    </section>
  );
}
