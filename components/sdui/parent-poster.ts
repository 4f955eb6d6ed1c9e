import { resolveIdeOrigin, type ParentMessage } from "@/lib/sdui/client";

/** Sends the runtime's messages to the IDE that frames it, or nowhere. */
export type ParentPoster = (message: ParentMessage) => void;

/**
 * A poster for this window. Outside an iframe, or with no IDE origin given, messages go nowhere: they
 * name the app's pages and errors, so they are only ever sent to one named origin, never "*".
 */
export function createParentPoster(): ParentPoster {
  if (window.parent === window) return () => undefined;
  const meta = document.querySelector('meta[name="myco-ide-origin"]')?.getAttribute("content");
  const origin = resolveIdeOrigin(window.location.search, meta);
  if (origin === null) return () => undefined;
  return (message) => window.parent.postMessage(message, origin);
}
