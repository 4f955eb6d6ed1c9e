import { AppError } from "@/lib/errors";

/** One server-sent event. */
export type SseEvent = { event: string; data: unknown; id?: string };

const HEARTBEAT_MS = 15_000;

function frame(e: SseEvent): string {
  const id = e.id ? `id: ${e.id}\n` : "";
  return `${id}event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`;
}

/** Open streams one user may hold at once (tabs, reconnects): each holds a socket, a listener and a timer. */
const MAX_STREAMS_PER_HOLDER = 20;
const openStreams = new Map<string, number>();

/** Takes one of `holder`'s stream slots, or refuses with rate_limited; the returned function frees it (once). */
function takeStreamSlot(holder: string): () => void {
  const open = openStreams.get(holder) ?? 0;
  if (open >= MAX_STREAMS_PER_HOLDER) {
    throw new AppError("rate_limited", `You have ${open} live streams open already; close a tab or wait for one to end.`);
  }
  openStreams.set(holder, open + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (openStreams.get(holder) ?? 1) - 1;
    if (left > 0) openStreams.set(holder, left);
    else openStreams.delete(holder);
  };
}

/**
 * A text/event-stream response of `events`. A comment every 15 s keeps proxies from closing an idle
 * stream; the stream ends when the events end or the client goes away (`signal`). With `holder` (a
 * user id), the stream counts against that holder's open streams.
 */
export function sse(events: AsyncIterable<SseEvent>, signal: AbortSignal, holder?: string): Response {
  const release = holder ? takeStreamSlot(holder) : () => undefined;
  const encoder = new TextEncoder();
  let heartbeat: NodeJS.Timeout | undefined;
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      // A first comment at once: the headers go out now, so the client's EventSource opens before any event.
      controller.enqueue(encoder.encode(": open\n\n"));
      heartbeat = setInterval(() => controller.enqueue(encoder.encode(": keep-alive\n\n")), HEARTBEAT_MS);
      try {
        for await (const e of events) {
          if (signal.aborted) break;
          controller.enqueue(encoder.encode(frame(e)));
        }
      } finally {
        clearInterval(heartbeat);
        release();
        // A client that went away has already cancelled the stream; closing it again would throw.
        if (!signal.aborted) controller.close();
      }
    },
    cancel() {
      clearInterval(heartbeat);
      release();
    },
  });
  return new Response(body, {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store", "x-accel-buffering": "no", connection: "keep-alive" },
  });
}

/** True when the client asked for a stream (Accept: text/event-stream). */
export function wantsEventStream(req: Request): boolean {
  return (req.headers.get("accept") ?? "").includes("text/event-stream");
}
