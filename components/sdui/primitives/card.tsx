import type { NodeOf } from "@/lib/sdui/client";
import { NodeList } from "../node-view";
import { useTemplate } from "../use-template";

/** A panel with an optional title; titled cards are labelled regions for assistive technology. */
export function CardView({ node }: { node: NodeOf<"card"> }) {
  const resolve = useTemplate();
  const titleId = `${node.id}-title`;
  return (
    <section className="myco-card" data-node-id={node.id} aria-labelledby={node.title === undefined ? undefined : titleId}>
      {node.title !== undefined && (
        <h3 className="myco-card-title" id={titleId}>
          {resolve(node.title)}
        </h3>
      )}
      <div className="myco-card-body">
        <NodeList nodes={node.children} />
      </div>
    </section>
  );
}
