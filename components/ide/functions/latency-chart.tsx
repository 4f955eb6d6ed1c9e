import type { Invocation } from "./functions-api";
import styles from "./functions.module.css";

const WIDTH = 300;
const HEIGHT = 60;

/** The p-th percentile (0–1) of sorted durations, nearest rank. */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;
}

/** Bars of the recent durations, oldest on the left; failed invocations in the danger colour. */
export function LatencyChart({ invocations }: { invocations: readonly Invocation[] }) {
  if (invocations.length === 0) return null;
  const oldestFirst = [...invocations].reverse();
  const durations = oldestFirst.map((i) => i.durationMs);
  const sorted = [...durations].sort((a, b) => a - b);
  const max = Math.max(1, sorted.at(-1) ?? 1);
  const slot = WIDTH / oldestFirst.length;
  const summary = `Durations of the last ${durations.length} invocations: median ${percentile(sorted, 0.5)} ms, p95 ${percentile(sorted, 0.95)} ms, slowest ${max} ms.`;
  return (
    <figure className={styles.chart}>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-label={summary} data-testid="latency-chart">
        <line x1={0} y1={HEIGHT - 0.5} x2={WIDTH} y2={HEIGHT - 0.5} className={styles.axis} />
        {oldestFirst.map((invocation, index) => {
          // At least 1 unit tall, so a 0 ms call still shows that it happened.
          const height = Math.max(1, (invocation.durationMs / max) * (HEIGHT - 2));
          return (
            <rect
              key={invocation.id}
              x={index * slot + slot * 0.15}
              y={HEIGHT - height}
              width={Math.max(0.5, slot * 0.7)}
              height={height}
              className={invocation.status === "ok" && invocation.httpStatus < 500 ? styles.bar : styles.barFailed}
            >
              <title>{`${invocation.durationMs} ms, ${invocation.httpStatus}`}</title>
            </rect>
          );
        })}
      </svg>
      <figcaption className="muted">{summary}</figcaption>
    </figure>
  );
}
