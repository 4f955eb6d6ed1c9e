import { useEffect, useState } from "react";
import { formatValue, readPath, rowsOf, type Column, type NodeOf, type TableFilter } from "@/lib/sdui/client";
import { ActionButton } from "../action-button";
import { DialogButton } from "../dialog-button";
import { InlineError } from "../inline-error";
import { NodeList } from "../node-view";
import { PageContext, usePage } from "../runtime-context";
import { useBinding } from "../use-binding";
import { useOptions } from "../use-options";
import { useTemplate } from "../use-template";
import { FIELD_CSS } from "../field-styles";
import { addStyles } from "../styles";

const TABLE_CSS = `
.myco-table-wrap{position:relative;overflow-x:auto;border:1px solid var(--myco-border);border-radius:var(--myco-radius);background:var(--myco-surface)}
.myco-table-wrap>.myco-empty,.myco-table-wrap>.myco-loading{padding:16px}
.myco-table{width:100%;border-collapse:collapse;font-size:.95rem}
.myco-table th{text-align:left;font-weight:600;font-size:.8rem;text-transform:uppercase;letter-spacing:.04em;color:var(--myco-muted);background:var(--myco-subtle)}
.myco-table :is(th,td){padding:10px 14px;border-bottom:1px solid var(--myco-border);vertical-align:middle}
.myco-table tbody tr:last-child td{border-bottom:0}
.myco-table tbody tr:hover{background:var(--myco-subtle)}
.myco-numeric{text-align:right;font-variant-numeric:tabular-nums}
.myco-table-block{display:flex;flex-direction:column;gap:10px;min-width:0}
.myco-table-toolbar{display:flex;flex-wrap:wrap;align-items:flex-end;gap:10px}
.myco-search{font:inherit;padding:8px 10px;border:1px solid var(--myco-border);border-radius:var(--myco-radius);background:var(--myco-surface);color:inherit;flex:1 1 220px;min-width:0}
.myco-search:focus-visible,.myco-filter select:focus-visible,.myco-sort:focus-visible{outline:2px solid var(--myco-primary);outline-offset:2px}
.myco-filter{flex:0 1 200px;min-width:140px;gap:2px}.myco-filter label{font-size:.8rem;color:var(--myco-muted)}
.myco-sort{font:inherit;font-weight:inherit;text-transform:inherit;letter-spacing:inherit;color:inherit;background:none;border:0;padding:0;cursor:pointer;white-space:nowrap}
.myco-pager{display:flex;align-items:center;justify-content:flex-end;gap:10px}
.myco-row-actions{white-space:nowrap;text-align:right}
.myco-row-actions>:not(dialog){margin-left:6px}
`;

addStyles(FIELD_CSS, TABLE_CSS);

type Sort = { key: string; dir: "asc" | "desc" };
const SEARCH_DELAY_MS = 300;

function rowKey(row: unknown, index: number): string {
  const id = readPath(row, ["id"]);
  return typeof id === "string" || typeof id === "number" ? `id:${id}` : `i:${index}`;
}

function Cell({ row, column }: { row: unknown; column: Column }) {
  const text = formatValue(readPath(row, [column.key]), column.format, { currency: column.currency });
  const numeric = column.format === "number" || column.format === "currency";
  return <td className={numeric ? "myco-numeric" : undefined}>{text}</td>;
}

// A row's dialog sees the row as {{row.…}} in every template inside it, on the same page (refresh works).
function RowDialog({ node, action, index, row }: { node: NodeOf<"table">; action: NonNullable<NodeOf<"table">["rowActions"]>[number]; index: number; row: unknown }) {
  const resolve = useTemplate();
  const page = usePage();
  const modal = action.modal;
  if (!modal) return null;
  return (
    <DialogButton id={`${node.id}-${rowKey(row, 0)}-${index}`} trigger={resolve(action.text, { row })} title={resolve(modal.title, { row })} variant={action.variant} small>
      {() => (
        <PageContext.Provider value={{ ...page, scope: { ...page.scope, row } }}>
          <NodeList nodes={modal.children} />
        </PageContext.Provider>
      )}
    </DialogButton>
  );
}

function RowActions({ node, row }: { node: NodeOf<"table">; row: unknown }) {
  const resolve = useTemplate();
  return (
    <td className="myco-row-actions">
      {(node.rowActions ?? []).map((ra, i) =>
        ra.actions ? <ActionButton key={i} nodeId={node.id} text={resolve(ra.text, { row })} variant={ra.variant} actions={ra.actions} extra={{ row }} small /> : <RowDialog key={i} node={node} action={ra} index={i} row={row} />,
      )}
    </td>
  );
}

function FilterSelect({ node, filter, value, onChange }: { node: NodeOf<"table">; filter: TableFilter; value: string; onChange: (value: string) => void }) {
  const resolve = useTemplate();
  const { choices, error } = useOptions(filter.optionsFrom, node.id);
  const fixed = (filter.options ?? []).map((o) => (typeof o === "string" ? { value: o, label: o } : o));
  const id = `${node.id}-filter-${filter.key}`;
  return (
    <div className="myco-field myco-filter">
      <label htmlFor={id}>{resolve(filter.label)}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={error ? true : undefined} title={error}>
        <option value="">All</option>
        {(choices ?? fixed).map((o) => (
          <option key={o.value} value={o.value}>
            {resolve(o.label)}
          </option>
        ))}
      </select>
    </div>
  );
}

function HeaderCell({ column, sort, onSort }: { column: Column; sort: Sort | null; onSort: (key: string) => void }) {
  const resolve = useTemplate();
  const label = resolve(column.label);
  if (!column.sortable) return <th scope="col">{label}</th>;
  const dir = sort?.key === column.key ? sort.dir : null;
  return (
    <th scope="col" aria-sort={dir === "asc" ? "ascending" : dir === "desc" ? "descending" : "none"}>
      <button type="button" className="myco-sort" onClick={() => onSort(column.key)}>
        {label}
        <span aria-hidden="true">{dir === "asc" ? " ▲" : dir === "desc" ? " ▼" : " ↕"}</span>
      </button>
    </th>
  );
}

function initialSort(node: NodeOf<"table">): Sort | null {
  const key = node.data.args?.sort;
  if (typeof key !== "string" || key === "" || key.includes("{{")) return null;
  return { key, dir: node.data.args?.dir === "desc" ? "desc" : "asc" };
}

/**
 * The rows a function returns, one column per declared key, with per-row buttons or dialogs. A table may
 * search (sent as q), filter (a select per key), sort by a column (sort, dir) and page by cursor (limit,
 * cursor; the answer is { rows, nextCursor }); any change of those starts again from the first page.
 */
export function TableView({ node }: { node: NodeOf<"table"> }) {
  const resolve = useTemplate();
  const [text, setText] = useState("");
  const [q, setQ] = useState("");
  const [sort, setSort] = useState<Sort | null>(() => initialSort(node));
  const [filters, setFilters] = useState<Record<string, string>>({});
  const [cursors, setCursors] = useState<string[]>([]);
  // Only a changed search starts again from the first page: on mount nothing has changed, and a page
  // turned before the delay had passed would otherwise be turned back.
  useEffect(() => {
    const next = text.trim();
    if (next === q) return;
    const timer = setTimeout(() => {
      setQ(next);
      setCursors([]);
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, q]);
  const extra: Record<string, string> = {
    ...(node.search && q !== "" ? { q } : {}),
    ...(sort ? { sort: sort.key, dir: sort.dir } : {}),
    ...filters,
    ...(node.pageSize ? { limit: String(node.pageSize) } : {}),
    ...(cursors.length > 0 ? { cursor: cursors[cursors.length - 1] ?? "" } : {}),
  };
  const { data, error, loading } = useBinding(node.id, node.data, true, extra);
  const rows = rowsOf(data) ?? [];
  const nextCursor = data !== null && typeof data === "object" && !Array.isArray(data) ? (data as { nextCursor?: unknown }).nextCursor : undefined;
  const hasActions = (node.rowActions?.length ?? 0) > 0;
  const onSort = (key: string) => {
    setSort((s) => (s?.key === key ? { key, dir: s.dir === "asc" ? "desc" : "asc" } : { key, dir: "asc" }));
    setCursors([]);
  };
  const toolbar = (node.search || (node.filters?.length ?? 0) > 0) && (
    <div className="myco-table-toolbar">
      {node.search && (
        <input type="search" className="myco-search" aria-label={resolve(node.search.placeholder ?? "Search")} placeholder={node.search.placeholder ? resolve(node.search.placeholder) : "Search…"} value={text} onChange={(e) => setText(e.target.value)} />
      )}
      {(node.filters ?? []).map((f) => (
        <FilterSelect key={f.key} node={node} filter={f} value={filters[f.key] ?? ""} onChange={(v) => { setFilters((all) => ({ ...all, [f.key]: v })); setCursors([]); }} />
      ))}
    </div>
  );
  const pager = node.pageSize !== undefined && (cursors.length > 0 || typeof nextCursor === "string") && (
    <nav className="myco-pager" aria-label="Pages">
      <button type="button" className="myco-button myco-button-secondary myco-button-small" disabled={cursors.length === 0 || loading} onClick={() => setCursors((c) => c.slice(0, -1))}>
        Previous
      </button>
      <span className="myco-muted">Page {cursors.length + 1}</span>
      <button type="button" className="myco-button myco-button-secondary myco-button-small" disabled={typeof nextCursor !== "string" || loading} onClick={() => typeof nextCursor === "string" && setCursors((c) => [...c, nextCursor])}>
        Next
      </button>
    </nav>
  );
  return (
    <div className="myco-table-block" data-node-id={node.id}>
      {toolbar}
      {error !== undefined ? (
        <InlineError nodeId={node.id} message={error} />
      ) : (
        <div className="myco-table-wrap" aria-busy={loading || undefined}>
          {loading && data === undefined ? (
            <p className="myco-loading">Loading…</p>
          ) : rows.length === 0 ? (
            <p className="myco-empty">{resolve(node.emptyText)}</p>
          ) : (
            <table className="myco-table">
              <thead>
                <tr>
                  {node.columns.map((c) => <HeaderCell key={c.key} column={c} sort={sort} onSort={onSort} />)}
                  {hasActions && <th scope="col"><span className="myco-visually-hidden">Actions</span></th>}
                </tr>
              </thead>
              <tbody>
                {rows.map((row, i) => (
                  <tr key={rowKey(row, i)}>
                    {node.columns.map((c) => <Cell key={c.key} row={row} column={c} />)}
                    {hasActions && <RowActions node={node} row={row} />}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
      {pager}
    </div>
  );
}
