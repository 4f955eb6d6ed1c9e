/** One server-sent event. */
export type SseEvent = { event: string; data: unknown; id?: string };

const HEARTBEAT_MS = 15_000;

function frame(e: SseEvent): string {
  const id = e.id ? `id: ${e.id}\n` : "";
  return `${id}event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`;
}

/**
 * A text/event-stream response of `events`. A comment every 15 s keeps proxies from closing an idle
 * stream; the stream ends when the events end or the client goes away (`signal`).
 */
export function sse(events: AsyncIterable<SseEvent>, signal: AbortSignal): Response {
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
        // A client that went away has already cancelled the stream; closing it again would throw.
        if (!signal.aborted) controller.close();
      }
    },
    cancel() {
      clearInterval(heartbeat);
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
