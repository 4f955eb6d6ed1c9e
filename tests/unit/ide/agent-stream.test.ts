import { describe, expect, it } from "vitest";
import { readSseStream } from "@/components/ide/agent-sse";
import { applyStreamEvent, pendingRun } from "@/components/ide/agent-run-model";
import type { AgentStreamEvent } from "@/components/ide/agent-types";

function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const c of chunks) controller.enqueue(c);
      controller.close();
    },
  });
}

async function read(chunks: Uint8Array[]): Promise<AgentStreamEvent[]> {
  const events: AgentStreamEvent[] = [];
  await readSseStream(streamOf(chunks), (e) => events.push(e));
  return events;
}

describe("the builder's event stream reader", () => {
  it("reads events cut anywhere, CRLF frames, keep-alives, and a character split across chunks", async () => {
    const bytes = new TextEncoder().encode(': keep-alive\n\nevent: text\ndata: {"delta":"héllo ✓"}\n\r\nevent: text\r\ndata: {"delta":"!"}\r\n\r\n');
    const chunks = Array.from({ length: bytes.length }, (_, i) => bytes.slice(i, i + 1));
    expect(await read(chunks)).toEqual([
      { event: "text", data: { delta: "héllo ✓" } },
      { event: "text", data: { delta: "!" } },
    ]);
  });

  it("skips events it does not know and data that is not a JSON object", async () => {
    const text = 'event: future\ndata: {"x":1}\n\nevent: text\ndata: not json\n\nevent: usage\ndata: 3\n\nevent: done\ndata: {"reason":"completed"}';
    expect(await read([new TextEncoder().encode(text)])).toEqual([{ event: "done", data: { reason: "completed" } }]);
  });
});

describe("folding stream events into a run", () => {
  it("drops a step's text when the step is retried, keeps tool calls, and sums usage", () => {
    const events: AgentStreamEvent[] = [
      { event: "text", data: { delta: "Reading first." } },
      { event: "tool_call", data: { id: "c1", name: "read_blueprint", arguments: "{}" } },
      { event: "tool_result", data: { id: "c1", ok: true, result: "{}", files: [] } },
      { event: "usage", data: { provider: "p", model: "m", promptTokens: 10, completionTokens: 2 } },
      { event: "text", data: { delta: "half an ans" } },
      { event: "step_retry", data: { step: 2 } },
      { event: "text", data: { delta: "Done." } },
      { event: "usage", data: { provider: "p", model: "m", promptTokens: 5, completionTokens: 1 } },
    ];
    const run = events.reduce(applyStreamEvent, pendingRun("k", "a notes app"));
    expect(run.items.map((i) => (i.kind === "text" ? i.text : `${i.name}:${String(i.ok)}`))).toEqual(["Reading first.", "read_blueprint:true", "Done."]);
    expect(run.usage).toEqual({ promptTokens: 15, completionTokens: 3 });
    expect(run.status).toBe("running");
  });
});
