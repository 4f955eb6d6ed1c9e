"use client";

import { useState } from "react";
import type { WorkspaceProject } from "@/components/ide/workspace/types";
import { Field } from "@/components/ui/field";
import type { FormErrors } from "@/components/ui/form-errors";
import { testModel, type ModelChoice, type ModelTestResult, type ProjectModelView } from "./model-api";
import { useModelSetting, type Draft } from "./use-model-setting";
import styles from "./model-section.module.css";

function describe(choice: ModelChoice): string {
  if (choice.kind === "default") return "the server's default model.";
  if (choice.kind === "server") return `the server's provider ${choice.provider}.`;
  return `${choice.model} at ${choice.baseUrl}${choice.hasKey ? " (with a stored key)" : " (no key)"}.`;
}

type FieldsProps = { draft: Draft; errors: FormErrors; hasStoredKey: boolean; change: (patch: Partial<Draft>) => void };

function CustomEndpointFields({ draft, errors, hasStoredKey, change }: FieldsProps) {
  return (
    <div className={styles.custom}>
      <Field label="Base URL" name="baseUrl" type="url" required maxLength={500} placeholder="https://api.openai.com/v1" value={draft.baseUrl} error={errors.baseUrl} onChange={(e) => change({ baseUrl: e.target.value })} />
      <Field label="Model name" name="model" required maxLength={200} placeholder="gpt-4o-mini" value={draft.model} error={errors.model} onChange={(e) => change({ model: e.target.value })} />
      <Field label="API key" name="apiKey" type="password" autoComplete="off" maxLength={4096} placeholder={hasStoredKey ? "Stored; leave empty to keep it" : "Optional"} value={draft.apiKey} error={errors.apiKey} onChange={(e) => change({ apiKey: e.target.value })} />
      <p className="muted">The key is stored encrypted and never shown again; it is kept only while the base URL&apos;s host stays the same.</p>
    </div>
  );
}

function Choices({ view, draft, isOffline, change }: { view: ProjectModelView; draft: Draft; isOffline: boolean; change: FieldsProps["change"] }) {
  return (
    <fieldset className={styles.choices}>
      <legend>Model for agent runs</legend>
      <label className={styles.choice}>
        <input type="radio" name="kind" value="default" checked={draft.kind === "default"} onChange={() => change({ kind: "default" })} />
        Server default{isOffline ? " (the offline planner)" : ""}
      </label>
      {view.serverProviders.map((p) => (
        <label key={p.name} className={styles.choice}>
          <input type="radio" name="kind" value={`server:${p.name}`} checked={draft.kind === "server" && draft.provider === p.name} onChange={() => change({ kind: "server", provider: p.name })} />
          {p.name} ({p.model})
        </label>
      ))}
      <label className={styles.choice}>
        <input type="radio" name="kind" value="custom" checked={draft.kind === "custom"} onChange={() => change({ kind: "custom" })} />
        Your own OpenAI-compatible endpoint
      </label>
    </fieldset>
  );
}

function ModelForm({ project, setting }: { project: WorkspaceProject; setting: ReturnType<typeof useModelSetting> & { view: ProjectModelView; draft: Draft } }) {
  const { view, draft, errors, busy, saved, change, save } = setting;
  return (
    <form className="stack" aria-label="Project model" onSubmit={(e) => void save(e)}>
      <Choices view={view} draft={draft} isOffline={project.isOffline} change={change} />
      {errors.provider && <p role="alert" className="form-error">{errors.provider}</p>}
      {draft.kind === "custom" && <CustomEndpointFields draft={draft} errors={errors} hasStoredKey={view.choice.kind === "custom" && view.choice.hasKey} change={change} />}
      {errors.form && <p role="alert" className="form-error">{errors.form}</p>}
      <div className={styles.actions}>
        <button type="submit" disabled={busy}>{busy ? "Saving…" : "Save model"}</button>
        {saved && <span role="status" className={styles.ok}>Saved.</span>}
      </div>
    </form>
  );
}

function TestConnection({ projectId }: { projectId: string }) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ModelTestResult | null>(null);
  async function run() {
    setBusy(true);
    setResult(null);
    const answer = await testModel(projectId);
    setBusy(false);
    setResult(answer.ok ? answer.data : { ok: false, message: answer.error.message });
  }
  return (
    <div className="stack">
      <div className={styles.actions}>
        <button type="button" className="secondary" disabled={busy} onClick={() => void run()}>{busy ? "Testing…" : "Test connection"}</button>
        <span className="muted">Sends a one-line request to the saved model.</span>
      </div>
      {result?.ok && <p role="status" className={styles.ok}>Connected: {result.model} answered in {result.latencyMs} ms.</p>}
      {result && !result.ok && <p role="alert" className="form-error">Connection failed: {result.message}</p>}
    </div>
  );
}

/** Settings › Model: which model the project's agent uses. Owners choose; editors may test it; everyone sees it. */
export function ModelSection({ project }: { project: WorkspaceProject }) {
  const setting = useModelSetting(project.id);
  const { view, draft, loadError } = setting;
  const heading = <h2 id="model-heading">Model</h2>;
  if (loadError) return <section className="panel" aria-labelledby="model-heading">{heading}<p role="alert" className="form-error">{loadError}</p></section>;
  if (!view || !draft) return <section className="panel" aria-busy="true" aria-labelledby="model-heading">{heading}<p className="muted">Loading the model setting…</p></section>;
  return (
    <section className="panel" aria-labelledby="model-heading">
      {heading}
      <p className={styles.current}>The agent uses {describe(view.choice)}</p>
      {project.isOwner ? <ModelForm project={project} setting={{ ...setting, view, draft }} /> : <p className="muted">Only owners change the model.</p>}
      {project.canEdit && <TestConnection projectId={project.id} />}
    </section>
  );
}
