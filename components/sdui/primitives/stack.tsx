import type { NodeOf } from "@/lib/sdui/client";
import { NodeList } from "../node-view";

/** Children in a column or a row. */
export function StackView({ node }: { node: NodeOf<"stack"> }) {
  return (
    <div className={`myco-stack myco-stack-${node.direction} myco-gap-${node.gap}`} data-node-id={node.id}>
      <NodeList nodes={node.children} />
    </div>
  );
}
