"use client";

import { useState, type FormEvent } from "react";
import styles from "./settings.module.css";

type Props = {
  hosts: readonly string[];
  canEdit: boolean;
  busy: boolean;
  /** Field-keyed errors from the server: `allowedHosts.2` names the third host. */
  errors: Record<string, string>;
  onSave: (hosts: string[]) => void;
};

/** The hosts ctx.fetch may reach, edited as a list (owners) and saved as a whole. */
export function AllowedHostsForm({ hosts, canEdit, busy, errors, onSave }: Props) {
  const [draft, setDraft] = useState<string[]>([...hosts]);
  const [entry, setEntry] = useState("");
  const [entryError, setEntryError] = useState<string | null>(null);

  function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const host = entry.trim().toLowerCase();
    if (host === "" || /[\s/:]/.test(host)) return setEntryError("Enter a host name such as api.example.com or *.example.com (no scheme, port or path).");
    if (draft.includes(host)) return setEntryError(`${host} is already in the list.`);
    setDraft([...draft, host]);
    setEntry("");
    setEntryError(null);
  }

  const changed = draft.join("\n") !== hosts.join("\n");
  return (
    <div className="stack">
      {draft.length === 0 ? (
        <p className="muted">No hosts: ctx.fetch is off for this project&apos;s functions.</p>
      ) : (
        <ul className={styles.hostList} aria-label="Allowed hosts">
          {draft.map((host, index) => (
            <li key={host}>
              <code>{host}</code>
              {canEdit && <button type="button" className="link-button" aria-label={`Remove ${host}`} onClick={() => setDraft(draft.filter((h) => h !== host))}>Remove</button>}
              {errors[`allowedHosts.${index}`] && <span role="alert" className="field-error">{errors[`allowedHosts.${index}`]}</span>}
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <>
          <form onSubmit={add} noValidate className="inline-form" aria-label="Add an allowed host">
            <label className="field">
              <span>Host</span>
              <input name="host" value={entry} placeholder="api.example.com" autoComplete="off" spellCheck={false} aria-invalid={entryError ? true : undefined}
                aria-describedby={entryError ? "host-entry-error" : undefined} onChange={(e) => setEntry(e.target.value)} />
              {entryError && <span id="host-entry-error" role="alert" className="field-error">{entryError}</span>}
            </label>
            <button type="submit" className="secondary">Add host</button>
          </form>
          <div><button type="button" disabled={busy || !changed} onClick={() => onSave(draft)}>Save allowed hosts</button></div>
          {errors.allowedHosts && <p role="alert" className="form-error">{errors.allowedHosts}</p>}
        </>
      )}
    </div>
  );
}
