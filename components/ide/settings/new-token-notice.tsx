"use client";

import { useState } from "react";
import type { NewApiToken } from "./settings-api";
import styles from "./settings.module.css";

/** The one showing of a new token's secret, with a copy button; dismissing it forgets the secret. */
export function NewTokenNotice({ token, onDismiss }: { token: NewApiToken; onDismiss: () => void }) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(token.token);
      setCopied("yes");
    } catch {
      setCopied("failed"); // no clipboard permission: the field stays selectable
    }
  }

  return (
    <div className={styles.newToken} role="region" aria-label="New token" data-testid="new-token">
      <p><strong>Token “{token.name}” created.</strong> Copy it now: it will not be shown again.</p>
      <label className="field">
        <span>Token</span>
        <input readOnly value={token.token} className={styles.secretValue} onFocus={(e) => e.currentTarget.select()} spellCheck={false} />
      </label>
      <div className="inline-form">
        <button type="button" onClick={() => void copy()}>Copy token</button>
        <button type="button" className="secondary" onClick={onDismiss}>I have saved it</button>
        {copied === "yes" && <span role="status" className="muted">Copied.</span>}
        {copied === "failed" && <span role="alert" className="form-error">Copying was refused; select the field and copy it yourself.</span>}
      </div>
    </div>
  );
}
