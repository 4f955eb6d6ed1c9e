"use client";

import { useState, type FormEvent } from "react";
import { Field } from "@/components/ui/field";
import { formErrors, type FormErrors } from "@/components/ui/form-errors";
import { toCellInput } from "./cells";
import { insertRow, type CellInput, type Changed, type TenantTable } from "./database-api";
import styles from "./database-panel.module.css";

function placeholderOf(column: TenantTable["columns"][number], table: TenantTable): string {
  const isRowid = table.primaryKey.length === 1 && table.primaryKey[0] === column.name && /^INTEGER$/i.test(column.type);
  if (isRowid) return "automatic";
  if (column.default !== null) return `default ${column.default}`;
  return column.nullable ? "NULL" : "required";
}

/** A form with a field per column that adds one row to a dev table; blank fields take their defaults. */
export function RowForm({ projectId, table, onAdded, onCancel }: { projectId: string; table: TenantTable; onAdded: (row: Changed) => void; onCancel: () => void }) {
  const [errors, setErrors] = useState<FormErrors>({});
  const [busy, setBusy] = useState(false);
  const fields = table.columns.map((c) => `values.${c.name}`);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const values: Record<string, CellInput> = {};
    for (const column of table.columns) {
      const value = toCellInput(String(form.get(`values.${column.name}`) ?? ""), column, "default");
      if (value !== undefined) values[column.name] = value;
    }
    setBusy(true);
    const result = await insertRow(projectId, table.name, values);
    setBusy(false);
    if (!result.ok) return setErrors(formErrors(result, fields));
    setErrors({});
    onAdded(result.data);
  }

  return (
    <form className={styles.rowForm} aria-label={`Add a row to ${table.name}`} onSubmit={(e) => void submit(e)}>
      <p className="muted">Blank fields take their defaults. Numbers, true and false are sent as such in numeric columns.</p>
      <div className={styles.rowFields}>
        {table.columns.map((column) => (
          <Field
            key={column.name}
            label={column.name}
            name={`values.${column.name}`}
            placeholder={placeholderOf(column, table)}
            error={errors[`values.${column.name}`]}
            autoComplete="off"
          />
        ))}
      </div>
      {errors.form && <p role="alert" className="form-error">{errors.form}</p>}
      <div className="agent-actions">
        <button type="submit" disabled={busy}>{busy ? "Adding…" : "Save row"}</button>
        <button type="button" className="secondary" disabled={busy} onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
