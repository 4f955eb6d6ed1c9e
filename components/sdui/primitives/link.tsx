import { safeHref, type NodeOf } from "@/lib/sdui/client";
import { AppLink } from "../app-link";
import { InlineError } from "../inline-error";
import { useTemplate } from "../use-template";

/** A link to an app path or an http(s) URL; anything else (javascript:, …) is an inline error. */
export function LinkView({ node }: { node: NodeOf<"link"> }) {
  const resolve = useTemplate();
  const href = safeHref(resolve(node.to));
  if (href === null) return <InlineError replacesNode nodeId={node.id} message="the link's to is not an app path or an http(s) URL" />;
  return (
    <AppLink className="myco-link" href={href} nodeId={node.id}>
      {resolve(node.text)}
    </AppLink>
  );
}
