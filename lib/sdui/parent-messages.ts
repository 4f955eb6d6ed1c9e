import type { ParentMessage } from "./parent-message-schema";

/** Identifies the runtime's messages among everything else an IDE window may receive. */
export const PARENT_MESSAGE_SOURCE = "myco-runtime";

const round = (ms: number) => Math.max(0, Math.round(ms * 10) / 10);

/** The runtime has rendered its first page (null: no route matched). Times are ms since navigation start. */
export function readyMessage(page: string | null, timings: { bootMs: number; firstRenderMs: number }): ParentMessage {
  return { source: PARENT_MESSAGE_SOURCE, type: "ready", page, timings: { bootMs: round(timings.bootMs), firstRenderMs: round(timings.firstRenderMs) } };
}

/** An inline error is showing; the message is cut to the schema's bound. */
export function errorMessage(error: { nodeId?: string; component?: string; message: string }): ParentMessage {
  return {
    source: PARENT_MESSAGE_SOURCE,
    type: "error",
    ...(error.nodeId === undefined ? {} : { nodeId: error.nodeId.slice(0, 64) }),
    ...(error.component === undefined ? {} : { component: error.component.slice(0, 64) }),
    message: error.message.slice(0, 1000),
  };
}

/** The runtime moved to another path (push, link, back or forward). */
export function navigateMessage(path: string): ParentMessage {
  return { source: PARENT_MESSAGE_SOURCE, type: "navigate", path: path.slice(0, 2000) };
}

/**
 * The origin to post to: `?ideOrigin=` first, then `<meta name="myco-ide-origin">`. Only an http(s)
 * origin is accepted, and never "*": these messages name pages and errors of a private app.
 */
export function resolveIdeOrigin(search: string, metaContent: string | null | undefined): string | null {
  for (const candidate of [new URLSearchParams(search).get("ideOrigin"), metaContent]) {
    if (!candidate) continue;
    try {
      const url = new URL(candidate);
      if (url.protocol === "http:" || url.protocol === "https:") return url.origin;
    } catch {
      // not a URL: try the next source
    }
  }
  return null;
}
