import type { NodeOf } from "@/lib/sdui/client";
import { useTemplate } from "../use-template";

/**
 * Static highlighted text. It is no live region: it is part of the page, and announcing it on every
 * load would drown out role="alert" errors.
 */
export function AlertView({ node }: { node: NodeOf<"alert"> }) {
  const resolve = useTemplate();
  return (
    <div className={`myco-alert myco-tone-${node.tone}`} data-node-id={node.id}>
      {resolve(node.text)}
    </div>
  );
}
