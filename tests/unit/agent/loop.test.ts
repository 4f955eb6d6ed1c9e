import { describe, expect, it } from "vitest";
import { z } from "zod";
import { type AgentEvent, type ChatProvider, ProviderError, defineTool, runAgentLoop } from "@/lib/agent";
import { scriptedProvider, serverError, textEvents } from "@/tests/support/fake-llm-server";

const notes: string[] = [];
const note = defineTool({
  name: "note",
  description: "Append a note.",
  input: z.strictObject({ text: z.string() }),
  async run({ text: t }) {
    notes.push(t);
    return "ok";
  },
});

async function run(provider: ChatProvider) {
  const events: AgentEvent[] = [];
  const result = await runAgentLoop({
    provider,
    system: "sys",
    messages: [{ role: "user", content: "go" }],
    tools: [note],
    budget: { maxSteps: 5, maxTokens: 10_000 },
    signal: new AbortController().signal,
    onEvent: (e) => events.push(e),
  });
  return { result, events };
}

describe("runAgentLoop", () => {
  it("re-runs a step whose stream failed midway and tells the UI to drop the partial text", async () => {
    const p = scriptedProvider("p", [{ events: [{ type: "text", delta: "half" }], fail: serverError("p") }, { events: textEvents("whole") }]);
    const { result, events } = await run(p);
    expect(result.reason).toBe("completed");
    expect(events.map((e) => e.type)).toEqual(["text", "step_retry", "text", "done"]);
    expect(result.messages.at(-1)).toEqual({ role: "assistant", content: "whole" });
  });

  it("ends with reason error when the provider keeps failing or refuses the request", async () => {
    const failing = scriptedProvider("p", [{ events: [], fail: serverError("p") }, { events: [], fail: serverError("p") }]);
    expect((await run(failing)).result.reason).toBe("error");
    const refusing = scriptedProvider("p", [{ events: [], fail: new ProviderError("p", "client", "Provider p answered 400.") }]);
    const { result, events } = await run(refusing);
    expect(result.reason).toBe("error");
    expect(refusing.requests).toHaveLength(1);
    expect(events.filter((e) => e.type === "done")).toHaveLength(1);
  });

  it("gives calls without an id one, and pairs each tool result with its call", async () => {
    const p = scriptedProvider("p", [
      { events: [{ type: "tool_calls", calls: [{ id: "", name: "note", arguments: '{"text":"x"}' }] }] },
      { events: textEvents("done") },
    ]);
    const { result } = await run(p);
    expect(result.messages.slice(1, 3)).toEqual([
      { role: "assistant", content: null, tool_calls: [{ id: "call_1_0", type: "function", function: { name: "note", arguments: '{"text":"x"}' } }] },
      { role: "tool", tool_call_id: "call_1_0", content: "ok" },
    ]);
    expect(p.requests[1]?.messages[0]).toEqual({ role: "system", content: "sys" });
  });

  it("does not start a step once aborted", async () => {
    const p = scriptedProvider("p", [{ events: textEvents("never") }]);
    const controller = new AbortController();
    controller.abort();
    const result = await runAgentLoop({
      provider: p, system: "sys", messages: [], tools: [note], budget: { maxSteps: 5, maxTokens: 10 },
      signal: controller.signal, onEvent: () => undefined,
    });
    expect(result.reason).toBe("aborted");
    expect(p.requests).toHaveLength(0);
  });
});
