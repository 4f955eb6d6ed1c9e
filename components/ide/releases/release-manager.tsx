"use client";

import { useCallback, useEffect, useState, type FormEvent } from "react";
import { ConfirmBox } from "./confirm-box";
import { EnvironmentCard } from "./environment-card";
import { ReleaseList } from "./release-list";
import { cutRelease, deploy, listEnvironments, listFindings, listReleases, type CodeFinding, type CutReleaseBody, type Environment, type Release } from "./releases-api";
import { SecurityRefusal } from "./security-refusal";

type Props = { projectId: string; canCut: boolean; canDeploy: boolean; isOwner: boolean };
type Refusal = { body: CutReleaseBody; findings: CodeFinding[] };
type State = { releases: Release[]; environments: Environment[] } | { error: string } | null;

/** Releases: cut one, deploy it to staging, promote to prod, restore an earlier deployment. */
export function ReleaseManager({ projectId, canCut, canDeploy, isOwner }: Props) {
  const [state, setState] = useState<State>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const [toStaging, setToStaging] = useState<Release | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);

  const load = useCallback(async () => {
    const [releases, environments] = await Promise.all([listReleases(projectId), listEnvironments(projectId)]);
    if (!releases.ok) return setState({ error: releases.error.message });
    if (!environments.ok) return setState({ error: environments.error.message });
    setState({ releases: releases.data, environments: environments.data });
  }, [projectId]);

  useEffect(() => {
    void load();
  }, [load]);

  async function cut(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    const version = String(form.get("version") ?? "").trim();
    const notes = String(form.get("notes") ?? "").trim();
    if (await release({ ...(version && { version }), ...(notes && { notes }) })) element.reset();
  }

  // A refusal for security findings shows them (and, to owners, the override) instead of a bare message.
  async function release(body: CutReleaseBody): Promise<boolean> {
    setBusy(true);
    const result = await cutRelease(projectId, body);
    const findings = !result.ok && result.error.field === "overrideSecurity" && result.status === 409 ? await listFindings(projectId) : null;
    setBusy(false);
    setRefusal(findings?.ok ? { body, findings: findings.data.findings } : null);
    if (!result.ok) {
      setMessage({ tone: "error", text: result.error.message });
      return false;
    }
    setMessage({ tone: "ok", text: `Release ${result.data.version} is ready.` });
    await load();
    return true;
  }

  async function deployTo(releaseId: string, version: string, env: "staging" | "prod"): Promise<string | null> {
    const result = await deploy(projectId, releaseId, env);
    await load();
    if (!result.ok) return result.error.message;
    setMessage({ tone: "ok", text: `${env} now serves ${version}.` });
    return null;
  }

  async function confirmStaging(release: Release) {
    setBusy(true);
    const error = await deployTo(release.id, release.version, "staging");
    setBusy(false);
    setToStaging(null);
    if (error) setMessage({ tone: "error", text: error });
  }

  if (state === null) return <section className="panel" aria-busy="true"><h2>Releases</h2><p className="muted">Loading releases…</p></section>;
  if ("error" in state) return <section className="panel"><h2>Releases</h2><p role="alert" className="form-error">{state.error}</p></section>;
  const byName = new Map(state.environments.map((e) => [e.name, e]));
  const staging = byName.get("staging")?.current?.release ?? null;
  const prod = byName.get("prod")?.current?.release ?? null;
  const promote = staging && staging.id !== prod?.id ? { version: staging.version, onPromote: () => deployTo(staging.id, staging.version, "prod") } : null;
  return (
    <section className="panel releases" aria-labelledby="releases-heading" data-testid="releases">
      <h2 id="releases-heading">Releases</h2>
      <div className="env-cards">
        {state.environments.map((env) => (
          <EnvironmentCard key={env.name} projectId={projectId} env={env} canDeploy={canDeploy} promote={env.name === "prod" ? promote : null} onChanged={() => void load()} />
        ))}
      </div>
      {canCut && (
        <form className="release-form" onSubmit={(e) => void cut(e)}>
          <label className="field">Version <input name="version" placeholder="suggested" pattern="\d+\.\d+\.\d+" inputMode="decimal" /></label>
          <label className="field release-notes-field">Notes <input name="notes" maxLength={5000} placeholder="What changed" /></label>
          <button type="submit" data-testid="cut-release" disabled={busy}>{busy ? "Checking and building…" : "Cut a release"}</button>
        </form>
      )}
      {message && <p role={message.tone === "error" ? "alert" : "status"} className={message.tone === "error" ? "form-error" : "muted"} data-testid="release-message">{message.text}</p>}
      {refusal && (
        <SecurityRefusal findings={refusal.findings} isOwner={isOwner} busy={busy} onClose={() => setRefusal(null)} onOverride={() => void release({ ...refusal.body, overrideSecurity: true })} />
      )}
      {toStaging && (
        <ConfirmBox title={`Deploy ${toStaging.version} to staging?`} confirmLabel={`Deploy ${toStaging.version}`} busy={busy} testId="deploy-plan" onCancel={() => setToStaging(null)} onConfirm={() => void confirmStaging(toStaging)}>
          <p>staging serves {staging?.version ?? "nothing"} now and will serve {toStaging.version}; its pending migrations run on staging’s database first (a snapshot is taken).</p>
        </ConfirmBox>
      )}
      <ReleaseList releases={state.releases} canDeploy={canDeploy} stagingReleaseId={staging?.id ?? null} onDeploy={setToStaging} />
    </section>
  );
}
