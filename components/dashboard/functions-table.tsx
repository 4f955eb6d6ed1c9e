import Link from "next/link";
import type { FunctionOverview, StatsRange } from "@/lib/projects";
import { formatBytes, formatMs, formatShare } from "./format";
import { Sparkline } from "./sparkline";
import styles from "./dashboard.module.css";

/** Every function: calls over the range as a chart, rate, latency, errors, builds and where each runs. */
export function FunctionsTable({ projectId, functions, range }: { projectId: string; functions: FunctionOverview[]; range: StatsRange }) {
  if (functions.length === 0) return <p className={styles.empty}>No functions yet.</p>;
  return (
    <div className={styles.scroll}>
      <table className={styles.table}>
        <thead>
          <tr>
            <th>Function</th><th className={styles.chartCell}>Calls, last {range}</th><th className={styles.num}>Calls/min</th>
            <th className={styles.num}>p50</th><th className={styles.num}>p99</th><th className={styles.num}>Errors</th>
            <th className={styles.num}>Builds</th><th>Deployed</th>
          </tr>
        </thead>
        <tbody>
          {functions.map((f) => (
            <tr key={f.name} data-testid="dashboard-function" data-name={f.name}>
              <td><Link href={`/projects/${projectId}/functions/${encodeURIComponent(f.name)}`}>{f.name}</Link></td>
              <td className={styles.chartCell}><Sparkline points={f.stats.points} label={`Calls of ${f.name} over the last ${range}`} /></td>
              <td className={styles.num} data-testid="function-calls-per-minute">{f.stats.perMinute}</td>
              <td className={styles.num}>{formatMs(f.stats.p50)}</td>
              <td className={styles.num}>{formatMs(f.stats.p99)}</td>
              <td className={styles.num} data-testid="function-calls" data-calls={f.stats.calls}>{f.stats.errors} / {f.stats.calls} ({formatShare(f.stats.errorRate)})</td>
              <td className={styles.num}>{f.versions}{f.latestSizeBytes === null ? "" : ` · ${formatBytes(f.latestSizeBytes)}`}</td>
              <td><UsedBy usedBy={f.usedBy} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The environments whose deployed release holds an item, or "dev only". */
export function UsedBy({ usedBy }: { usedBy: FunctionOverview["usedBy"] }) {
  if (usedBy.length === 0) return <span className="muted">dev only</span>;
  return (
    <span className={styles.envs}>
      {usedBy.map((u) => <span key={u.env} className={`${styles.env} ${styles.envLive}`}>{u.env} {u.version}</span>)}
    </span>
  );
}
