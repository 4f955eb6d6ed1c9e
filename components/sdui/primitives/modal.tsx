import type { NodeOf } from "@/lib/sdui/client";
import { DialogButton } from "../dialog-button";
import { NodeList } from "../node-view";
import { useTemplate } from "../use-template";

/** A button that opens its children in a dialog; they mount (and fetch) each time it opens. */
export function ModalView({ node }: { node: NodeOf<"modal"> }) {
  const resolve = useTemplate();
  return (
    <div className="myco-action" data-node-id={node.id}>
      <DialogButton id={node.id} trigger={resolve(node.trigger)} title={resolve(node.title)}>
        {() => <NodeList nodes={node.children} />}
      </DialogButton>
    </div>
  );
}
