// Reads a route's server-sent events the way a browser would, to the end of the stream.
import { IDE_ORIGIN } from "./http";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string | string[] | undefined>> }) => Response | Promise<Response>;

export type StreamEvent = { event: string; data: any };
export type StreamResult = { status: number; headers: Headers; events: StreamEvent[]; body: any };

/** Parses `event:`/`data:` frames; comments (keep-alives) are skipped. */
export function parseSse(text: string): StreamEvent[] {
  return text
    .split("\n\n")
    .map((frame) => frame.split("\n").filter((l) => !l.startsWith(":")))
    .filter((lines) => lines.some((l) => l.startsWith("data:")))
    .map((lines) => ({
      event: lines.find((l) => l.startsWith("event:"))?.slice(6).trim() ?? "message",
      data: JSON.parse(lines.filter((l) => l.startsWith("data:")).map((l) => l.slice(5).trim()).join("\n")),
    }));
}

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
  const text = await res.text();
  const streams = (res.headers.get("content-type") ?? "").startsWith("text/event-stream");
  return { status: res.status, headers: res.headers, events: streams ? parseSse(text) : [], body: !streams && text ? JSON.parse(text) : undefined };
}
