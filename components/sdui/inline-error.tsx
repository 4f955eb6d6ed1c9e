import { useContext, useEffect } from "react";
import { RenderCheckContext } from "./render-check-context";
import { RuntimeContext } from "./runtime-context";

type InlineErrorProps = {
  nodeId?: string | undefined;
  component?: string | undefined;
  message: string;
  /** Shown instead of the node, so it carries the node's data-node-id (an error under a node does not). */
  replacesNode?: boolean;
};

/**
 * A visible, announced error in place of (or under) a node, so one broken node never blanks a page. It
 * is also reported to the IDE, which shows the same error beside the code.
 */
export function InlineError({ nodeId, component, message, replacesNode }: InlineErrorProps) {
  const runtime = useContext(RuntimeContext);
  // Effects do not run under the app check's server render, so the error is noted while rendering.
  useContext(RenderCheckContext)?.shown.push({ ...(nodeId ? { nodeId } : {}), ...(component ? { component } : {}), message });
  useEffect(() => {
    runtime?.report({ ...(nodeId ? { nodeId } : {}), ...(component ? { component } : {}), message });
  }, [runtime, nodeId, component, message]);
  const subject = component ? `Component ${component}` : nodeId ? `Node "${nodeId}"` : "Error";
  const box = (
    <div className="myco-error" role="alert">
      <strong>{subject}:</strong> {message}
    </div>
  );
  return replacesNode ? <div data-node-id={nodeId}>{box}</div> : box;
}
