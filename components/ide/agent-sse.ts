import type { AgentStreamEvent } from "./agent-types";

const EVENT_NAMES: ReadonlySet<string> = new Set(["run", "text", "step_retry", "tool_call", "tool_result", "usage", "done", "error"]);

/**
 * One `event:`/`data:` block of a text/event-stream, or null for comments (`: keep-alive`), unknown
 * events and data that is not a JSON object: a newer server may send more than this page knows.
 */
export function parseSseBlock(block: string): AgentStreamEvent | null {
  let name = "message";
  const data: string[] = [];
  for (const line of block.split(/\r?\n/)) {
    if (line === "" || line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    // The spec strips exactly one space after the colon.
    const value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (field === "event") name = value;
    if (field === "data") data.push(value);
  }
  if (!EVENT_NAMES.has(name) || data.length === 0) return null;
  try {
    const parsed: unknown = JSON.parse(data.join("\n"));
    if (typeof parsed !== "object" || parsed === null) return null;
    return { event: name, data: parsed } as AgentStreamEvent;
  } catch {
    return null;
  }
}

/** Reads a server-sent event stream from a fetch body (EventSource cannot POST), calling `onEvent` for each event. */
export async function readSseStream(body: ReadableStream<Uint8Array>, onEvent: (event: AgentStreamEvent) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true }); // a character may straddle two chunks
    const blocks = buffer.split(/\r?\n\r?\n/);
    buffer = blocks.pop() ?? "";
    for (const block of blocks) {
      const event = parseSseBlock(block);
      if (event) onEvent(event);
    }
  }
  const last = parseSseBlock(buffer + decoder.decode());
  if (last) onEvent(last);
}
