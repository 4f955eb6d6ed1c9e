// Reads a route's server-sent events with the builder page's own parser, to the end of the stream.
import { readSseStream } from "@/components/ide/agent-sse";
import { IDE_ORIGIN } from "./http";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string | string[] | undefined>> }) => Response | Promise<Response>;

export type StreamEvent = { event: string; data: any };
export type StreamResult = { status: number; headers: Headers; events: StreamEvent[]; body: any };

/** POSTs `body` as JSON with a Bearer token and reads the whole answer: events when it streams, JSON otherwise. */
export async function postStream(
  handler: Handler,
  options: { params: Record<string, string>; body: unknown; token: string; signal?: AbortSignal },
): Promise<StreamResult> {
  const req = new Request(`${IDE_ORIGIN}/api/stream`, {
    method: "POST",
    headers: { authorization: `Bearer ${options.token}`, "content-type": "application/json", accept: "text/event-stream" },
    body: JSON.stringify(options.body),
    signal: options.signal,
  });
  const res = await handler(req, { params: Promise.resolve(options.params) });
  if (!(res.headers.get("content-type") ?? "").startsWith("text/event-stream") || !res.body) {
    const text = await res.text();
    return { status: res.status, headers: res.headers, events: [], body: text ? JSON.parse(text) : undefined };
  }
  const events: StreamEvent[] = [];
  await readSseStream(res.body, (e) => events.push(e));
  return { status: res.status, headers: res.headers, events, body: undefined };
}

/** The next event block of a raw stream (`event: …\ndata: …\n\n`), skipping comments such as `: open`. */
export async function nextEventBlock(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<string> {
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error("the stream ended before an event");
    const blocks = new TextDecoder().decode(value).split(/(?<=\n\n)/).filter((b) => !b.startsWith(":"));
    if (blocks.length > 0) return blocks.join("");
  }
}
