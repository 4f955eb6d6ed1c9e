import type { DayUsage } from "@/lib/agent";
import styles from "./ai-usage-section.module.css";

const WIDTH = 300;
const HEIGHT = 100;
const GAP = 2;

const formatDay = (date: string) => new Date(`${date}T00:00:00Z`).toLocaleDateString(undefined, { month: "short", day: "numeric", timeZone: "UTC" });

/**
 * Tokens per day as stacked bars (prompt below, completion above), drawn as inline SVG scaled to the
 * busiest day. Each bar's <title> gives its numbers; the figure's label sums them for screen readers.
 */
export function UsageChart({ days }: { days: DayUsage[] }) {
  const max = Math.max(1, ...days.map((d) => d.promptTokens + d.completionTokens));
  const barWidth = WIDTH / days.length - GAP;
  const total = days.reduce((n, d) => n + d.promptTokens + d.completionTokens, 0);
  const first = days[0]?.date;
  const last = days.at(-1)?.date;
  const label = `Tokens per day${first && last ? ` from ${formatDay(first)} to ${formatDay(last)}` : ""}: ${total.toLocaleString()} in all.`;
  return (
    <svg className={styles.chart} viewBox={`0 0 ${WIDTH} ${HEIGHT + 1}`} role="img" aria-label={label} preserveAspectRatio="none">
      {days.map((d, i) => {
        const promptHeight = (d.promptTokens / max) * HEIGHT;
        const completionHeight = (d.completionTokens / max) * HEIGHT;
        const x = i * (barWidth + GAP) + GAP / 2;
        return (
          <g key={d.date}>
            <title>{`${formatDay(d.date)}: ${d.promptTokens.toLocaleString()} prompt, ${d.completionTokens.toLocaleString()} completion tokens`}</title>
            <rect className={styles.prompt} x={x} y={HEIGHT - promptHeight} width={barWidth} height={promptHeight} />
            <rect className={styles.completion} x={x} y={HEIGHT - promptHeight - completionHeight} width={barWidth} height={completionHeight} />
            {/* A transparent full-height bar, so the day's <title> shows wherever the pointer is over its column. */}
            <rect x={x} y={0} width={barWidth} height={HEIGHT} fill="transparent" />
          </g>
        );
      })}
      <line className={styles.axis} x1={0} x2={WIDTH} y1={HEIGHT + 0.5} y2={HEIGHT + 0.5} />
    </svg>
  );
}
