import type { Invocation } from "./functions-api";
import { LatencyChart } from "./latency-chart";

type Props = { state: { invocations: Invocation[] } | { error: string } | null; onReload: () => void };

function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

/** The function's most recent invocations with status, duration and time, and a chart of the durations. */
export function RecentInvocations({ state, onReload }: Props) {
  return (
    <section aria-labelledby="recent-invocations-heading" className="stack">
      <div className="inline-form">
        <h4 id="recent-invocations-heading">Recent invocations</h4>
        <button type="button" className="secondary" onClick={onReload}>Refresh</button>
      </div>
      {state === null && <p className="muted" aria-busy="true">Loading invocations…</p>}
      {state !== null && "error" in state && <p role="alert" className="form-error">{state.error}</p>}
      {state !== null && "invocations" in state && state.invocations.length === 0 && <p className="muted">No invocations yet. Invoke it above, or call /_fn/… on the app.</p>}
      {state !== null && "invocations" in state && state.invocations.length > 0 && (
        <>
          <LatencyChart invocations={state.invocations} />
          <div className="table-scroll">
            <table className="table" aria-label="Recent invocations">
              <thead><tr><th>Time</th><th>Status</th><th>Duration</th><th>CPU</th><th>Trigger</th><th>Env</th></tr></thead>
              <tbody>
                {state.invocations.map((i) => (
                  <tr key={i.id} data-testid="invocation-row">
                    <td>{formatTime(i.createdAt)}</td>
                    <td>{i.httpStatus}{i.errorCode ? ` ${i.errorCode}` : ""}{i.cold ? " (cold)" : ""}</td>
                    <td>{i.durationMs} ms</td>
                    <td>{i.cpuMs} ms</td>
                    <td>{i.trigger}</td>
                    <td>{i.env}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
