import { readPath, rowsOf, safeHref, type NodeOf } from "@/lib/sdui/client";
import { AppLink } from "../app-link";
import { InlineError } from "../inline-error";
import { useBinding } from "../use-binding";
import { useTemplate } from "../use-template";
import { addStyles } from "../styles";

const LIST_CSS = `
.myco-list{list-style:none;margin:0;padding:0;border:1px solid var(--myco-border);border-radius:var(--myco-radius);background:var(--myco-surface)}
.myco-list-item{display:flex;flex-direction:column;padding:12px 16px;border-bottom:1px solid var(--myco-border)}
.myco-list-item:last-child{border-bottom:0}
.myco-list-title{font-weight:550}
.myco-list-subtitle{color:var(--myco-muted);font-size:.9rem}
`;

addStyles(LIST_CSS);

function ListItem({ node, row }: { node: NodeOf<"list">; row: unknown }) {
  const resolve = useTemplate();
  const { title, subtitle, to } = node.itemTemplate;
  const href = to === undefined ? null : safeHref(resolve(to, { row }));
  const titleText = resolve(title, { row });
  return (
    <li className="myco-list-item">
      {href === null ? <span className="myco-list-title">{titleText}</span> : <AppLink className="myco-list-title myco-link" href={href}>{titleText}</AppLink>}
      {subtitle !== undefined && <span className="myco-list-subtitle">{resolve(subtitle, { row })}</span>}
    </li>
  );
}

/** The items a function returns, each shown through the item template with {{row.…}} in scope. */
export function ListView({ node }: { node: NodeOf<"list"> }) {
  const resolve = useTemplate();
  const { data, error, loading } = useBinding(node.id, node.data, true);
  if (error !== undefined) return <InlineError replacesNode nodeId={node.id} message={error} />;
  const rows = rowsOf(data) ?? [];
  if (loading && data === undefined) return <p className="myco-loading" data-node-id={node.id} aria-busy="true">Loading…</p>;
  if (rows.length === 0) return <p className="myco-empty" data-node-id={node.id}>{resolve(node.emptyText)}</p>;
  return (
    <ul className="myco-list" data-node-id={node.id} aria-busy={loading || undefined}>
      {rows.map((row, i) => {
        const id = readPath(row, ["id"]);
        return <ListItem key={typeof id === "string" || typeof id === "number" ? `id:${id}` : `i:${i}`} node={node} row={row} />;
      })}
    </ul>
  );
}
