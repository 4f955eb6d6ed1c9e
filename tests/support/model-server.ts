// A local OpenAI-compatible chat-completions server that replays a script, streaming exactly as real
// providers do: id and name in a tool call's first chunk, arguments in many small fragments. Plain
// Node, so vitest tests and the Playwright suite (a Myco server configured with AI_BASE_URL) share it.
import http from "node:http";
import type { AddressInfo } from "node:net";

export type FakeToolCall = { name: string; arguments: string; id?: string };
export type FakeUsage = { promptTokens: number; completionTokens: number };

/** One scripted answer, consumed by one request. */
export type FakeResponse =
  | { text?: string; toolCalls?: FakeToolCall[]; usage?: FakeUsage; chunkSize?: number; chunkDelayMs?: number }
  | { status: number; retryAfter?: string }
  | { hang: true };

export type RecordedRequest = { body: Record<string, unknown>; headers: http.IncomingHttpHeaders };

export type FakeLlmServer = {
  /** The base URL for the SDK, ending in /v1. */
  baseURL: string;
  requests: RecordedRequest[];
  /** Appends answers to the script. */
  enqueue(...responses: FakeResponse[]): void;
  close(): Promise<void>;
};

function split(text: string, size: number): string[] {
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += size) parts.push(text.slice(i, i + size));
  return parts;
}

type Delta = Record<string, unknown>;

function chunk(delta: Delta, finishReason: string | null = null): object {
  return {
    id: "chatcmpl-fake",
    object: "chat.completion.chunk",
    created: 1_700_000_000,
    model: "fake-model",
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
  };
}

/** A chunkSize of n cycles fragment lengths 1..n, so JSON is cut at every kind of boundary. */
function fragments(text: string, chunkSize: number): string[] {
  const parts: string[] = [];
  let i = 0;
  for (let n = 1; i < text.length; n = (n % chunkSize) + 1) {
    parts.push(text.slice(i, i + n));
    i += n;
  }
  return parts;
}

function streamChunks(r: Exclude<FakeResponse, { status: number } | { hang: true }>, seq: number): object[] {
  const size = r.chunkSize ?? 5;
  const out: object[] = [chunk({ role: "assistant", content: "" })];
  for (const part of split(r.text ?? "", size)) out.push(chunk({ content: part }));
  (r.toolCalls ?? []).forEach((call, index) => {
    const id = call.id ?? `call_${seq}_${index}`;
    out.push(chunk({ tool_calls: [{ index, id, type: "function", function: { name: call.name, arguments: "" } }] }));
    for (const part of fragments(call.arguments, size)) {
      out.push(chunk({ tool_calls: [{ index, function: { arguments: part } }] }));
    }
  });
  out.push(chunk({}, r.toolCalls?.length ? "tool_calls" : "stop"));
  if (r.usage) {
    const { promptTokens: p, completionTokens: c } = r.usage;
    out.push({ ...chunk({}), choices: [], usage: { prompt_tokens: p, completion_tokens: c, total_tokens: p + c } });
  }
  return out;
}

async function writeStream(res: http.ServerResponse, chunks: object[], delayMs: number): Promise<void> {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  for (const c of chunks) {
    if (res.destroyed) return;
    res.write(`data: ${JSON.stringify(c)}\n\n`);
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
  res.end("data: [DONE]\n\n");
}

function answer(res: http.ServerResponse, r: FakeResponse | undefined, seq: number): Promise<void> | void {
  if (!r) {
    res.writeHead(500, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: { message: "fake-llm-server: script exhausted", type: "server_error" } }));
    return;
  }
  if ("hang" in r) return; // never answers; close() destroys the socket
  if ("status" in r) {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (r.retryAfter !== undefined) headers["retry-after"] = r.retryAfter;
    res.writeHead(r.status, headers);
    res.end(JSON.stringify({ error: { message: `scripted ${r.status}`, type: "fake_error" } }));
    return;
  }
  return writeStream(res, streamChunks(r, seq), r.chunkDelayMs ?? 0);
}

/** Starts a server on 127.0.0.1 and `port` (a free one unless given). */
export async function startFakeLlmServer(script: FakeResponse[] = [], port = 0): Promise<FakeLlmServer> {
  const queue = [...script];
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const body: Buffer[] = [];
    req.on("data", (c: Buffer) => body.push(c));
    req.on("end", () => {
      if (req.method !== "POST" || req.url !== "/v1/chat/completions") {
        res.writeHead(404).end();
        return;
      }
      requests.push({ body: JSON.parse(Buffer.concat(body).toString("utf8")) as Record<string, unknown>, headers: req.headers });
      void answer(res, queue.shift(), requests.length);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${address.port}/v1`,
    requests,
    enqueue: (...responses) => queue.push(...responses),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

