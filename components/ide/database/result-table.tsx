import { showCell } from "./cells";
import type { CellValue } from "./database-api";
import styles from "./database-panel.module.css";

/** Rows as a scrollable table; `caption` names it for screen readers. */
export function ResultTable({ columns, rows, caption }: { columns: readonly string[]; rows: readonly (readonly CellValue[])[]; caption: string }) {
  return (
    <div className="table-scroll">
      <table className={`table ${styles.grid}`}>
        <caption className={styles.caption}>{caption}</caption>
        <thead>
          <tr>{columns.map((c, i) => <th key={`${i}-${c}`} scope="col">{c}</th>)}</tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={r}>{row.map((cell, i) => <td key={i} className={cell === null ? styles.null : undefined}>{showCell(cell)}</td>)}</tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
