import { readPath, stringifyValue, type Binding, type NodeOf } from "@/lib/sdui/client";
import { InlineError } from "../inline-error";
import { useBinding } from "../use-binding";
import { useTemplate } from "../use-template";
import { addStyles } from "../styles";

const STAT_CSS = `
.myco-stat{display:flex;flex-direction:column;gap:4px;padding:16px 20px;background:var(--myco-surface);border:1px solid var(--myco-border);border-radius:var(--myco-radius)}
.myco-stack-column>.myco-stat{align-self:flex-start;min-width:200px}
.myco-stat-label{color:var(--myco-muted);font-size:.875rem}
.myco-stat-value{font-size:1.75rem;font-weight:650;font-variant-numeric:tabular-nums}
`;

addStyles(STAT_CSS);

function StatFrame({ node, value, busy }: { node: NodeOf<"stat">; value: string; busy?: boolean }) {
  const resolve = useTemplate();
  return (
    <div className="myco-stat" data-node-id={node.id} aria-busy={busy || undefined}>
      <span className="myco-stat-label">{resolve(node.label)}</span>
      <span className="myco-stat-value">{value}</span>
    </div>
  );
}

function BoundStat({ node, binding }: { node: NodeOf<"stat">; binding: Binding }) {
  const { data, error, loading } = useBinding(node.id, binding, false);
  if (error !== undefined) return <InlineError replacesNode nodeId={node.id} message={error} />;
  if (loading && data === undefined) return <StatFrame node={node} value="…" busy />;
  const value = node.field === undefined ? data : readPath(data, node.field.split("."));
  return <StatFrame node={node} value={stringifyValue(value)} busy={loading} />;
}

/** A labelled figure: a fixed (templated) value, or a field of what a function returns. */
export function StatView({ node }: { node: NodeOf<"stat"> }) {
  const resolve = useTemplate();
  if (node.data !== undefined) return <BoundStat node={node} binding={node.data} />;
  return <StatFrame node={node} value={resolve(node.value ?? "")} />;
}
