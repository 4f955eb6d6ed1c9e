import type { NodeOf } from "@/lib/sdui/client";
import { useTemplate } from "../use-template";

/** A paragraph; line breaks in the text are kept (by the stylesheet), markup is never interpreted. */
export function TextView({ node }: { node: NodeOf<"text"> }) {
  const resolve = useTemplate();
  return (
    <p className={node.muted ? "myco-text myco-muted" : "myco-text"} data-node-id={node.id}>
      {resolve(node.text)}
    </p>
  );
}
