"use client";

import { useCallback, useEffect, useState, type FormEvent } from "react";
import { Field } from "@/components/ui/field";
import { formErrors, type FormErrors } from "@/components/ui/form-errors";
import { ConfirmBox } from "@/components/ide/releases/confirm-box";
import { deleteSecret, formatDate, listSecrets, setSecret, type Secret } from "./settings-api";
import styles from "./settings.module.css";

type State = { secrets: Secret[] } | { error: string } | null;
// The rule the server applies (lib/functions SecretName), checked here first so a typo is named at once.
const SECRET_NAME = /^[A-Z_][A-Z0-9_]{0,63}$/;

/** Project secrets (editors): names and change times only; values go in through password fields and never come back. */
export function SecretsSection({ projectId }: { projectId: string }) {
  const [state, setState] = useState<State>(null);
  const [errors, setErrors] = useState<FormErrors>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [replacing, setReplacing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const result = await listSecrets(projectId);
    setState(result.ok ? { secrets: result.data } : { error: result.error.message });
  }, [projectId]);

  useEffect(() => {
    void load();
  }, [load]);

  /** Saves a value, then resets the form so the value never lingers in the page ("new-password": never the login autofilled). */
  async function save(event: FormEvent<HTMLFormElement>, fixedName?: string) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const name = fixedName ?? String(data.get("name") ?? "").trim();
    // The replace form's field has its own name, so its error and the new-secret form's never share an id.
    const valueField = fixedName ? "newValue" : "value";
    const value = String(data.get(valueField) ?? "");
    if (!SECRET_NAME.test(name)) return setErrors({ name: "Use UPPER_SNAKE_CASE: A–Z, 0–9 and _, not starting with a digit, at most 64 characters." });
    if (value === "") return setErrors({ [valueField]: "Enter a value." });
    setBusy(true);
    const result = await setSecret(projectId, name, value);
    setBusy(false);
    if (!result.ok) {
      const named = formErrors(result, ["name", "value"]);
      return setErrors(named.value ? { [valueField]: named.value } : named);
    }
    form.reset();
    setErrors({});
    setReplacing(null);
    setNotice(`${name} saved. Functions read it as ctx.env.${name}.`);
    await load();
  }

  async function remove(name: string) {
    setBusy(true);
    const result = await deleteSecret(projectId, name);
    setBusy(false);
    setDeleting(null);
    if (!result.ok) return setErrors({ form: result.error.message });
    setNotice(`${name} deleted.`);
    await load();
  }

  return (
    <section className="panel" aria-labelledby="secrets-heading">
      <h2 id="secrets-heading">Secrets</h2>
      <p className="muted">Functions read secrets as <code>ctx.env.NAME</code>. A value is never shown again once saved; replace it to change it.</p>
      {state === null && <p className="muted" aria-busy="true">Loading secrets…</p>}
      {state !== null && "error" in state && <p role="alert" className="form-error">{state.error}</p>}
      {state !== null && "secrets" in state && (
        <SecretsTable secrets={state.secrets} onReplace={(name) => { setReplacing(name); setErrors({}); }} onDelete={setDeleting} />
      )}
      {replacing && (
        <form onSubmit={(e) => void save(e, replacing)} noValidate className="inline-form" aria-label={`Replace ${replacing}`}>
          <Field label={`New value for ${replacing}`} name="newValue" type="password" autoComplete="new-password" autoFocus error={errors.newValue} />
          <button type="submit" disabled={busy}>Replace</button>
          <button type="button" className="secondary" onClick={() => setReplacing(null)}>Cancel</button>
        </form>
      )}
      {deleting && (
        <ConfirmBox title={`Delete ${deleting}?`} confirmLabel={`Delete ${deleting}`} busy={busy} testId="delete-secret" onCancel={() => setDeleting(null)} onConfirm={() => void remove(deleting)}>
          <p>Functions that read ctx.env.{deleting} get undefined from their next call.</p>
        </ConfirmBox>
      )}
      <form onSubmit={(e) => void save(e)} noValidate className="inline-form" aria-label="Set a secret">
        <Field label="Name" name="name" placeholder="STRIPE_KEY" autoComplete="off" autoCapitalize="characters" spellCheck={false} error={errors.name} />
        <Field label="Value" name="value" type="password" autoComplete="new-password" error={errors.value} />
        <button type="submit" disabled={busy}>Save secret</button>
      </form>
      {errors.form && <p role="alert" className="form-error">{errors.form}</p>}
      {notice && <p role="status" className="muted">{notice}</p>}
    </section>
  );
}

type TableProps = { secrets: readonly Secret[]; onReplace: (name: string) => void; onDelete: (name: string) => void };

function SecretsTable({ secrets, onReplace, onDelete }: TableProps) {
  if (secrets.length === 0) return <p className="muted">No secrets yet.</p>;
  return (
    <div className="table-scroll">
      <table className="table" aria-label="Secrets">
        <thead><tr><th>Name</th><th>Updated</th><th><span className={styles.srOnly}>Actions</span></th></tr></thead>
        <tbody>
          {secrets.map((s) => (
            <tr key={s.name} data-testid="secret-row">
              <td><code>{s.name}</code></td>
              <td>{formatDate(s.updatedAt)}</td>
              <td className={styles.actions}>
                <button type="button" className="link-button" aria-label={`Replace ${s.name}`} onClick={() => onReplace(s.name)}>Replace</button>
                <button type="button" className="link-button" aria-label={`Delete ${s.name}`} onClick={() => onDelete(s.name)}>Delete</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
