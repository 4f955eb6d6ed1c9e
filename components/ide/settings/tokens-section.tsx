"use client";

import { useCallback, useEffect, useState, type FormEvent } from "react";
import { Field } from "@/components/ui/field";
import { formErrors, type FormErrors } from "@/components/ui/form-errors";
import { ConfirmBox } from "@/components/ide/releases/confirm-box";
import { NewTokenNotice } from "./new-token-notice";
import { createToken, formatDate, listTokens, revokeToken, type ApiToken, type NewApiToken, type TokenInput } from "./settings-api";
import styles from "./settings.module.css";

type State = { tokens: ApiToken[] } | { error: string } | null;

function inputOf(form: FormData, projectId: string): TokenInput | { error: FormErrors } {
  const name = String(form.get("name") ?? "").trim();
  const days = String(form.get("expiresInDays") ?? "").trim();
  if (name === "") return { error: { name: "Give the token a name." } };
  const expiresInDays = Number(days);
  if (days !== "" && !(Number.isInteger(expiresInDays) && expiresInDays >= 1 && expiresInDays <= 3650)) return { error: { expiresInDays: "Enter whole days from 1 to 3650, or leave it empty for no expiry." } };
  return {
    name,
    ...(days !== "" && { expiresInDays }),
    ...(form.get("readOnly") === "on" && { readOnly: true }),
    ...(form.get("thisProject") === "on" && { projectId }),
  };
}

/** The signed-in person's API tokens: create one (shown once), list them, revoke one after confirming. */
export function TokensSection({ projectId }: { projectId: string }) {
  const [state, setState] = useState<State>(null);
  const [errors, setErrors] = useState<FormErrors>({});
  const [created, setCreated] = useState<NewApiToken | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const result = await listTokens();
    setState(result.ok ? { tokens: result.data } : { error: result.error.message });
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const input = inputOf(new FormData(form), projectId);
    if ("error" in input) return setErrors(input.error);
    setBusy(true);
    const result = await createToken(input);
    setBusy(false);
    if (!result.ok) return setErrors(formErrors(result, ["name", "expiresInDays", "readOnly", "projectId"]));
    setErrors({});
    form.reset();
    setCreated(result.data);
    await load();
  }

  async function revoke(token: ApiToken) {
    setBusy(true);
    const result = await revokeToken(token.id);
    setBusy(false);
    setRevoking(null);
    if (!result.ok) return setErrors({ form: result.error.message });
    await load();
  }

  return (
    <section className="panel" aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">API tokens</h2>
      <p className="muted">Your personal tokens for the HTTP API (<code>Authorization: Bearer …</code>). They act as you, on every project you can reach unless bound to this one.</p>
      {created && <NewTokenNotice token={created} onDismiss={() => setCreated(null)} />}
      {state === null && <p className="muted" aria-busy="true">Loading tokens…</p>}
      {state !== null && "error" in state && <p role="alert" className="form-error">{state.error}</p>}
      {state !== null && "tokens" in state && <TokensTable tokens={state.tokens} projectId={projectId} onRevoke={setRevoking} />}
      {revoking && (
        <ConfirmBox title={`Revoke “${revoking.name}”?`} confirmLabel="Revoke token" busy={busy} testId="revoke-token" onCancel={() => setRevoking(null)} onConfirm={() => void revoke(revoking)}>
          <p>Anything using the token starting {revoking.prefix} stops working at once.</p>
        </ConfirmBox>
      )}
      <form onSubmit={(e) => void create(e)} noValidate className={styles.tokenForm} aria-label="Create a token">
        <Field label="Token name" name="name" maxLength={100} autoComplete="off" error={errors.name} />
        <Field label="Expires in days" name="expiresInDays" type="number" inputMode="numeric" min={1} max={3650} defaultValue="90" error={errors.expiresInDays} />
        <label className={styles.check}><input type="checkbox" name="readOnly" /> Read-only (GET only)</label>
        <label className={styles.check}><input type="checkbox" name="thisProject" /> Only this project</label>
        <div><button type="submit" disabled={busy}>Create token</button></div>
      </form>
      {errors.form && <p role="alert" className="form-error">{errors.form}</p>}
    </section>
  );
}

function TokensTable({ tokens, projectId, onRevoke }: { tokens: readonly ApiToken[]; projectId: string; onRevoke: (token: ApiToken) => void }) {
  if (tokens.length === 0) return <p className="muted">You have no API tokens.</p>;
  const reach = (t: ApiToken) => (t.projectId === null ? "All your projects" : t.projectId === projectId ? "This project" : "Another project");
  return (
    <div className="table-scroll">
      <table className="table" aria-label="API tokens">
        <thead><tr><th>Name</th><th>Starts with</th><th>Reach</th><th>Access</th><th>Created</th><th>Last used</th><th>Expires</th><th><span className={styles.srOnly}>Actions</span></th></tr></thead>
        <tbody>
          {tokens.map((t) => (
            <tr key={t.id} data-testid="token-row">
              <td>{t.name}</td>
              <td><code>{t.prefix}</code></td>
              <td>{reach(t)}</td>
              <td>{t.readOnly ? "read-only" : "full"}</td>
              <td>{formatDate(t.createdAt)}</td>
              <td>{formatDate(t.lastUsedAt, "never")}</td>
              <td>{formatDate(t.expiresAt, "never")}</td>
              <td><button type="button" className="link-button" aria-label={`Revoke ${t.name}`} onClick={() => onRevoke(t)}>Revoke</button></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
