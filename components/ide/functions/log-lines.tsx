import type { LogLine } from "./functions-api";
import styles from "./functions.module.css";

function clock(time: number): string {
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? "" : date.toLocaleTimeString();
}

/** Console lines with their level and time; `empty` shows when there are none. */
export function LogLines({ lines, empty }: { lines: readonly LogLine[]; empty: string }) {
  if (lines.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ol className={styles.logLines}>
      {lines.map((line, index) => (
        <li key={index} className={styles[`level_${line.level}`] ?? ""}>
          <span className={styles.logMeta}>{clock(line.time)} {line.level}</span> <span className={styles.logMessage}>{line.message}</span>
        </li>
      ))}
    </ol>
  );
}
