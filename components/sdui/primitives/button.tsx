import type { NodeOf } from "@/lib/sdui/client";
import { ActionButton } from "../action-button";
import { useTemplate } from "../use-template";

/** A button running its onClick actions. */
export function ButtonView({ node }: { node: NodeOf<"button"> }) {
  const resolve = useTemplate();
  return (
    <div className="myco-action" data-node-id={node.id}>
      <ActionButton nodeId={node.id} text={resolve(node.text)} variant={node.variant} actions={node.onClick} />
    </div>
  );
}
