"use client";

import { useState } from "react";
import { ConfirmBox } from "@/components/ide/releases/confirm-box";
import { describeKey, keyOf } from "./cells";
import { deleteRow, updateRow, type CellInput, type CellValue, type Env, type TenantTable } from "./database-api";
import { RowForm } from "./row-form";
import { RowLine, type RowActions } from "./row-line";
import { useTableRows } from "./use-table-rows";
import styles from "./database-panel.module.css";

type Props = { projectId: string; env: Env; table: TenantTable; canChange: boolean; reloadKey: string | null; onChanged: () => void };
type Doomed = { index: number; key: Record<string, CellValue> };

function RowsGrid({ table, columns, rows, actionsFor }: { table: TenantTable; columns: string[]; rows: CellValue[][]; actionsFor: ((row: CellValue[], index: number) => RowActions) | null }) {
  return (
    <div className="table-scroll">
      <table className={`table ${styles.grid}`}>
        <caption className={styles.caption}>Rows of {table.name}</caption>
        <thead>
          <tr>
            {columns.map((c) => <th key={c} scope="col">{c}</th>)}
            {actionsFor && <th scope="col"><span className={styles.caption}>Actions</span></th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => {
            const label = `row ${describeKey(keyOf(table.primaryKey, columns, row) ?? {})}`;
            return <RowLine key={`${i}-${label}`} table={table} columns={columns} row={row} actions={actionsFor?.(row, i) ?? null} label={label} />;
          })}
        </tbody>
      </table>
    </div>
  );
}

/** A table's rows, paged by cursor ("Load more"), with Add row, inline Edit and a confirmed Delete for editors in dev. */
export function TableRows({ projectId, env, table, canChange, reloadKey, onChanged }: Props) {
  const { state, loadMore, splice } = useTableRows(projectId, env, table.name, reloadKey);
  const [adding, setAdding] = useState(false);
  const [doomed, setDoomed] = useState<Doomed | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const editable = canChange && table.primaryKey.length > 0;

  if (state.status === "loading") return <p className="muted" aria-busy="true">Loading rows…</p>;
  if (state.status === "error") return <p role="alert" className="form-error">{state.message}</p>;

  async function confirmDelete(target: Doomed) {
    setBusy(true);
    const result = await deleteRow(projectId, table.name, target.key);
    setBusy(false);
    setDoomed(null);
    if (!result.ok) return setError(result.error.message);
    splice(target.index, null);
    onChanged();
  }

  const actionsFor = (row: CellValue[], index: number): RowActions => {
    const key = editable ? keyOf(table.primaryKey, state.columns, row) : null;
    if (!key) return null;
    return {
      onSave: async (values: Record<string, CellInput>) => {
        const result = await updateRow(projectId, table.name, key, values);
        if (!result.ok) return result.error.message;
        splice(index, result.data.row);
        return null;
      },
      onDelete: () => setDoomed({ index, key }),
    };
  };

  return (
    <div className={styles.rows}>
      {canChange && table.primaryKey.length === 0 && <p className="muted">This table has no primary key, so its rows cannot be edited here.</p>}
      {editable && !adding && <button type="button" className={styles.addButton} onClick={() => setAdding(true)}>Add row</button>}
      {adding && <RowForm projectId={projectId} table={table} onCancel={() => setAdding(false)} onAdded={(added) => { setAdding(false); splice(undefined, added.row); onChanged(); }} />}
      {doomed && (
        <ConfirmBox title={`Delete the row ${describeKey(doomed.key)} from ${table.name}?`} confirmLabel="Delete row" busy={busy} testId="delete-row" onConfirm={() => void confirmDelete(doomed)} onCancel={() => setDoomed(null)}>
          <p>It is removed from the dev database now; this cannot be undone here.</p>
        </ConfirmBox>
      )}
      {error && <p role="alert" className="form-error">{error}</p>}
      {state.rows.length === 0 ? <p className="muted">No rows yet.</p> : <RowsGrid table={table} columns={state.columns} rows={state.rows} actionsFor={editable ? actionsFor : null} />}
      {state.nextCursor && <button type="button" className="secondary" disabled={state.loadingMore} onClick={() => void loadMore()}>{state.loadingMore ? "Loading…" : "Load more"}</button>}
      {state.moreError && <p role="alert" className="form-error">{state.moreError}</p>}
    </div>
  );
}
