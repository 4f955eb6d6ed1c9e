import { formatValue, readPath, type Column, type NodeOf } from "@/lib/sdui";
import { ActionButton } from "../action-button";
import { InlineError } from "../inline-error";
import { useBinding } from "../use-binding";
import { useTemplate } from "../use-template";

function rowKey(row: unknown, index: number): string {
  const id = readPath(row, ["id"]);
  return typeof id === "string" || typeof id === "number" ? `id:${id}` : `i:${index}`;
}

function Cell({ row, column }: { row: unknown; column: Column }) {
  const text = formatValue(readPath(row, [column.key]), column.format, { currency: column.currency });
  const numeric = column.format === "number" || column.format === "currency";
  return <td className={numeric ? "myco-numeric" : undefined}>{text}</td>;
}

function RowActions({ node, row }: { node: NodeOf<"table">; row: unknown }) {
  const resolve = useTemplate();
  return (
    <td className="myco-row-actions">
      {(node.rowActions ?? []).map((ra, i) => (
        <ActionButton key={i} nodeId={node.id} text={resolve(ra.text, { row })} variant={ra.variant} actions={ra.actions} extra={{ row }} small />
      ))}
    </td>
  );
}

/** The rows a function returns, one column per declared key, with optional per-row action buttons. */
export function TableView({ node }: { node: NodeOf<"table"> }) {
  const resolve = useTemplate();
  const { data, error, loading } = useBinding(node.id, node.data, true);
  if (error !== undefined) return <InlineError replacesNode nodeId={node.id} message={error} />;
  const rows = (data ?? []) as unknown[];
  const hasActions = (node.rowActions?.length ?? 0) > 0;
  return (
    <div className="myco-table-wrap" data-node-id={node.id} aria-busy={loading || undefined}>
      {loading && data === undefined ? (
        <p className="myco-loading">Loading…</p>
      ) : rows.length === 0 ? (
        <p className="myco-empty">{resolve(node.emptyText)}</p>
      ) : (
        <table className="myco-table">
          <thead>
            <tr>
              {node.columns.map((c) => (
                <th key={c.key} scope="col">
                  {resolve(c.label)}
                </th>
              ))}
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
  );
}
