import type { CSSProperties } from "react";
import type { NodeOf } from "@/lib/sdui/client";
import { NodeList } from "../node-view";

/** Children in equal columns; the stylesheet collapses them to one on narrow screens. */
export function GridView({ node }: { node: NodeOf<"grid"> }) {
  const style = { "--myco-columns": String(node.columns) } as CSSProperties;
  return (
    <div className={`myco-grid myco-gap-${node.gap}`} style={style} data-node-id={node.id}>
      <NodeList nodes={node.children} />
    </div>
  );
}
