"use client";

import { useState } from "react";
import { cellText, isBlob, showCell, toCellInput } from "./cells";
import type { CellInput, CellValue, TenantTable } from "./database-api";
import styles from "./database-panel.module.css";

type Save = (values: Record<string, CellInput>) => Promise<string | null>;

/** What an editor can do to a row; null where the row cannot be changed. */
export type RowActions = { onSave: Save; onDelete: () => void } | null;

type Props = {
  table: TenantTable;
  columns: readonly string[];
  row: readonly CellValue[];
  /** Null when the row cannot be changed here (a viewer, staging or prod, a table without a primary key). */
  actions: RowActions;
  label: string;
};

function EditCells({ table, columns, row, onSave, onCancel, label }: Omit<Props, "actions"> & { onSave: Save; onCancel: () => void }) {
  const [texts, setTexts] = useState(() => row.map(cellText));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function save() {
    const values: Record<string, CellInput> = {};
    columns.forEach((name, i) => {
      const column = table.columns.find((c) => c.name === name);
      const value = column && texts[i] !== cellText(row[i]) ? toCellInput(texts[i] ?? "", column, "null") : undefined;
      if (value !== undefined) values[name] = value;
    });
    if (Object.keys(values).length === 0) return onCancel();
    setBusy(true);
    const problem = await onSave(values);
    setBusy(false);
    if (problem) setError(problem);
  }

  return (
    <tr className={styles.editing}>
      {columns.map((name, i) => (
        <td key={name}>
          {isBlob(row[i]) ? showCell(row[i]) : (
            <input aria-label={`Edit ${name}`} value={texts[i] ?? ""} placeholder="NULL" onChange={(e) => setTexts(texts.map((t, j) => (j === i ? e.target.value : t)))} />
          )}
        </td>
      ))}
      <td className={styles.actions}>
        <button type="button" disabled={busy} onClick={() => void save()} aria-label={`Save ${label}`}>{busy ? "Saving…" : "Save"}</button>
        <button type="button" className="secondary" disabled={busy} onClick={onCancel}>Cancel</button>
        {error && <p role="alert" className="form-error">{error}</p>}
      </td>
    </tr>
  );
}

/** One row of a table: its cells, and Edit and Delete for editors in dev; Edit turns the cells into inputs. */
export function RowLine({ table, columns, row, actions, label }: Props) {
  const [editing, setEditing] = useState(false);
  if (editing && actions) {
    const onSave: Save = async (values) => {
      const problem = await actions.onSave(values);
      if (!problem) setEditing(false);
      return problem;
    };
    return <EditCells table={table} columns={columns} row={row} label={label} onSave={onSave} onCancel={() => setEditing(false)} />;
  }
  return (
    <tr>
      {row.map((cell, i) => <td key={i} className={cell === null ? styles.null : undefined}>{showCell(cell)}</td>)}
      {actions && (
        <td className={styles.actions}>
          <button type="button" className="secondary" onClick={() => setEditing(true)} aria-label={`Edit ${label}`}>Edit</button>
          <button type="button" className="secondary" onClick={actions.onDelete} aria-label={`Delete ${label}`}>Delete</button>
        </td>
      )}
    </tr>
  );
}
