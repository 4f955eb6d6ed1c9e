import type { TenantTable } from "./database-api";
import styles from "./database-panel.module.css";

function referenceOf(table: TenantTable, column: string): string {
  const key = table.foreignKeys.find((fk) => fk.columns.includes(column));
  if (!key) return "";
  const target = key.references[key.columns.indexOf(column)];
  return `${key.table}${target ? `.${target}` : ""}${key.onDelete !== "NO ACTION" ? ` (on delete ${key.onDelete.toLowerCase()})` : ""}`;
}

/** A table's columns: name, type, nullable, primary key, default and what each refers to. */
export function TableColumns({ table }: { table: TenantTable }) {
  return (
    <div className="table-scroll">
      <table className={`table ${styles.grid}`}>
        <caption className={styles.caption}>Columns of {table.name}</caption>
        <thead>
          <tr>
            <th scope="col">Column</th><th scope="col">Type</th><th scope="col">Nullable</th><th scope="col">Primary key</th><th scope="col">Default</th><th scope="col">References</th>
          </tr>
        </thead>
        <tbody>
          {table.columns.map((c) => (
            <tr key={c.name}>
              <td><code>{c.name}</code></td>
              <td>{c.type || "(any)"}</td>
              <td>{c.nullable ? "yes" : "no"}</td>
              <td>{c.primaryKey ? `yes${table.primaryKey.length > 1 ? ` (${table.primaryKey.indexOf(c.name) + 1} of ${table.primaryKey.length})` : ""}` : ""}</td>
              <td>{c.default ?? ""}</td>
              <td>{referenceOf(table, c.name)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
