"use client";

import { useState } from "react";
import type { PanelProps } from "@/components/ide/workspace/types";
import type { Env, TenantSchema } from "./database-api";
import { MigrationsList } from "./migrations-list";
import { SqlBox } from "./sql-box";
import { TableColumns } from "./table-detail";
import { TableRows } from "./table-rows";
import { useDatabase } from "./use-database";
import styles from "./database-panel.module.css";

const ENVS: readonly Env[] = ["dev", "staging", "prod"];

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function TableList({ schema, selected, onSelect }: { schema: TenantSchema; selected: string | undefined; onSelect: (name: string) => void }) {
  if (schema.tables.length === 0) return <p className="muted">No tables yet. Add one with a migration (ask the agent, or POST …/db/migrations).</p>;
  return (
    <nav aria-label="Tables">
      <ul className={styles.tableList}>
        {schema.tables.map((t) => (
          <li key={t.name}>
            <button type="button" className={t.name === selected ? styles.selected : "secondary"} aria-current={t.name === selected ? "true" : undefined} onClick={() => onSelect(t.name)}>
              <span className={styles.tableName}>{t.name}</span> <span className="muted">{plural(t.rowCount, "row")}</span>
            </button>
          </li>
        ))}
      </ul>
      {schema.views.length > 0 && <p className="muted">Views (query them below): {schema.views.map((v) => v.name).join(", ")}</p>}
    </nav>
  );
}

/** The Database tab: an environment's tables, columns and rows (editable in dev), a read-only SQL box, and its migrations. */
export function DatabasePanel({ project, path, navigate, head }: PanelProps) {
  const [env, setEnv] = useState<Env>("dev");
  const { state, refresh } = useDatabase(project.id, env, head);
  const selectedName = path[0];
  const table = state.status === "ready" ? state.schema.tables.find((t) => t.name === selectedName) : undefined;

  return (
    <section className={`panel ${styles.panel}`} aria-labelledby="db-heading">
      <header className={styles.header}>
        <h2 id="db-heading">Database</h2>
        <label className="field">
          <span>Environment</span>
          <select value={env} onChange={(e) => setEnv(e.target.value as Env)}>
            {ENVS.map((e) => <option key={e} value={e}>{e === "dev" ? "dev" : `${e} (read-only)`}</option>)}
          </select>
        </label>
      </header>
      {env !== "dev" && state.status === "ready" && <p className="muted">The {env} database is read-only here: its rows change only through the app.</p>}
      {state.status === "loading" && <p className="muted" aria-busy="true">Loading the {env} database…</p>}
      {state.status === "error" && <p role="alert" className="form-error">{state.message}</p>}
      {state.status === "undeployed" && <p className="muted">Nothing deployed yet to {env}. Cut a release and deploy it from the Releases tab.</p>}
      {state.status === "ready" && (
        <>
          <div className={styles.layout}>
            <TableList schema={state.schema} selected={selectedName} onSelect={(name) => navigate([name])} />
            <div className={styles.detail}>
              {selectedName && !table && <p role="alert" className="form-error">The {env} database has no table “{selectedName}”.</p>}
              {!selectedName && state.schema.tables.length > 0 && <p className="muted">Choose a table to see its columns and rows.</p>}
              {table && (
                <section className={styles.section} aria-labelledby="db-table-heading">
                  <h3 id="db-table-heading">{table.name} <span className="muted">{plural(table.rowCount, "row")}</span></h3>
                  <TableColumns table={table} />
                  <TableRows key={`${env}:${table.name}`} projectId={project.id} env={env} table={table} canChange={project.canEdit && env === "dev"} reloadKey={head} onChanged={refresh} />
                </section>
              )}
            </div>
          </div>
          <SqlBox projectId={project.id} env={env} defaultSql={table ? `SELECT * FROM "${table.name}" LIMIT 20` : "SELECT 1"} />
          <MigrationsList migrations={state.migrations} />
        </>
      )}
    </section>
  );
}
