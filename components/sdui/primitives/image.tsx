import { safeHref, type NodeOf } from "@/lib/sdui/client";
import { InlineError } from "../inline-error";
import { useTemplate } from "../use-template";

/** An image from an app path or an http(s) URL. */
export function ImageView({ node }: { node: NodeOf<"image"> }) {
  const resolve = useTemplate();
  const src = safeHref(resolve(node.src));
  if (src === null) return <InlineError replacesNode nodeId={node.id} message="the image src is not an app path or an http(s) URL" />;
  return <img className="myco-image" src={src} alt={resolve(node.alt)} loading="lazy" data-node-id={node.id} />;
}
