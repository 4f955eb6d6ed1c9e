import type { InvokeAnswer } from "./functions-api";
import { LogLines } from "./log-lines";
import styles from "./functions.module.css";

function pretty(value: unknown): string {
  if (typeof value === "string") return value;
  return JSON.stringify(value, null, 2) ?? "null";
}

/** One invocation's answer: status, timings, headers, body and the logs of that call. */
export function InvokeResultView({ result }: { result: InvokeAnswer }) {
  const headers = result.ok ? Object.entries(result.headers) : [];
  return (
    <section aria-label="Response" className={styles.result} data-testid="invoke-result">
      <dl className={styles.figures}>
        <div><dt>Status</dt><dd data-testid="invoke-status">{result.ok ? result.status : `failed: ${result.error.code}`}</dd></div>
        <div><dt>Wall</dt><dd>{result.wallMs} ms</dd></div>
        <div><dt>CPU</dt><dd>{result.cpuMs} ms</dd></div>
        <div><dt>Start</dt><dd>{result.cold ? "cold" : "warm"}</dd></div>
      </dl>
      {!result.ok && <p role="alert" className="form-error">{result.error.message}</p>}
      {result.ok && (
        <>
          <h5>Headers</h5>
          {headers.length === 0 ? <p className="muted">None set by the function.</p> : <pre className={styles.code}>{headers.map(([k, v]) => `${k}: ${v}`).join("\n")}</pre>}
          <h5>Body</h5>
          <pre className={styles.code} data-testid="invoke-body">{pretty(result.body)}</pre>
        </>
      )}
      <h5>Logs of this call</h5>
      <LogLines lines={result.logs} empty="No console output." />
      {result.logsTruncated && <p className="muted">The output was cut at the log limit.</p>}
    </section>
  );
}
