import type { NodeOf } from "@/lib/sdui/client";
import { useTemplate } from "../use-template";

const TAGS = ["h1", "h2", "h3", "h4"] as const;

/** A heading of level 1 to 4. */
export function HeadingView({ node }: { node: NodeOf<"heading"> }) {
  const resolve = useTemplate();
  const Tag = TAGS[node.level - 1] ?? "h2";
  return (
    <Tag className={`myco-heading myco-heading-${node.level}`} data-node-id={node.id}>
      {resolve(node.text)}
    </Tag>
  );
}
