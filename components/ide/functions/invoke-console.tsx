"use client";

import { useState, type FormEvent } from "react";
import { Field } from "@/components/ui/field";
import { INVOKE_METHODS, invokeFunction, type InvokeAnswer } from "./functions-api";
import { buildInvokeRequest, type InvokeDraft } from "./invoke-request";
import { InvokeResultView } from "./invoke-result";
import styles from "./functions.module.css";

type Props = { projectId: string; name: string; onInvoked: () => void };
type Errors = Partial<Record<keyof InvokeDraft | "form", string>>;

function draftOf(form: FormData): InvokeDraft {
  const text = (key: string) => String(form.get(key) ?? "");
  return { method: text("method"), path: text("path"), query: text("query"), headers: text("headers"), body: text("body") };
}

/** A test request to the function (editors): method, path, query, headers and a JSON body checked before sending. */
export function InvokeConsole({ projectId, name, onInvoked }: Props) {
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<InvokeAnswer | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const built = buildInvokeRequest(draftOf(new FormData(event.currentTarget)));
    // The method select has no message slot of its own; a bad method (only a tampered form) goes under the form.
    if (!built.ok) return setErrors({ [built.field === "method" ? "form" : built.field]: built.message });
    setErrors({});
    setBusy(true);
    const answer = await invokeFunction(projectId, name, built.request);
    setBusy(false);
    if (!answer.ok) {
      setResult(null);
      return setErrors({ [answer.error.field && answer.error.field in built.request ? answer.error.field : "form"]: answer.error.message });
    }
    setResult(answer.data);
    onInvoked();
  }

  const area = (field: "headers" | "body", label: string, placeholder: string) => (
    <label className="field">
      <span>{label}</span>
      <textarea name={field} rows={field === "body" ? 5 : 3} placeholder={placeholder} spellCheck={false} className={styles.textarea}
        aria-invalid={errors[field] ? true : undefined} aria-describedby={errors[field] ? `invoke-${field}-error` : undefined} />
      {errors[field] && <span id={`invoke-${field}-error`} className="field-error" role="alert">{errors[field]}</span>}
    </label>
  );

  return (
    <section aria-labelledby="invoke-heading" className="stack">
      <h4 id="invoke-heading">Invoke</h4>
      <form onSubmit={(e) => void submit(e)} noValidate aria-label="Invoke function" className={styles.invokeForm}>
        <div className={styles.requestLine}>
          <label className="field">
            <span>Method</span>
            <select name="method" defaultValue="GET">
              {INVOKE_METHODS.map((m) => <option key={m} value={m}>{m}</option>)}
            </select>
          </label>
          <Field label="Path" name="path" defaultValue="/" error={errors.path} autoComplete="off" />
          <Field label="Query string" name="query" placeholder="name=Ada&limit=10" error={errors.query} autoComplete="off" />
        </div>
        {area("headers", "Headers (one Name: value per line)", "x-request-id: 42")}
        {area("body", "JSON body", '{ "title": "Buy milk" }')}
        <div><button type="submit" disabled={busy}>{busy ? "Invoking…" : "Invoke"}</button></div>
        {errors.form && <p role="alert" className="form-error">{errors.form}</p>}
      </form>
      {result && <InvokeResultView result={result} />}
    </section>
  );
}
