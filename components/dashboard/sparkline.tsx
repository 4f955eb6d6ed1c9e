import type { StatsPoint } from "@/lib/projects";
import styles from "./dashboard.module.css";

const WIDTH = 240;
const HEIGHT = 48;

/**
 * Calls per bucket as bars, oldest on the left, failed calls stacked in the danger colour; the label
 * says the figures in words for screen readers (and tests).
 */
export function Sparkline({ points, label }: { points: readonly StatsPoint[]; label: string }) {
  const max = Math.max(1, ...points.map((p) => p.calls));
  const slot = WIDTH / Math.max(1, points.length);
  const calls = points.reduce((n, p) => n + p.calls, 0);
  const errors = points.reduce((n, p) => n + p.errors, 0);
  const summary = `${label}: ${calls} calls, ${errors} failed`;
  return (
    <svg className={styles.spark} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-label={summary}>
      <line x1={0} y1={HEIGHT - 0.5} x2={WIDTH} y2={HEIGHT - 0.5} className={styles.axis} />
      {points.map((p, i) => {
        if (p.calls === 0) return null;
        const height = Math.max(1.5, (p.calls / max) * (HEIGHT - 2));
        const failed = (p.errors / p.calls) * height;
        const x = i * slot + slot * 0.1;
        const width = Math.max(0.8, slot * 0.8);
        return (
          <g key={p.at}>
            <rect x={x} y={HEIGHT - height} width={width} height={height - failed} className={styles.bar} />
            {failed > 0 && <rect x={x} y={HEIGHT - failed} width={width} height={failed} className={styles.barFailed} />}
            <title>{`${new Date(p.at).toISOString().slice(11, 16)} UTC: ${p.calls} calls, ${p.errors} failed${p.p50 === null ? "" : `, p50 ${p.p50} ms, p99 ${p.p99} ms`}`}</title>
          </g>
        );
      })}
    </svg>
  );
}
