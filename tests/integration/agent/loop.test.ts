import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import {
  type AgentEvent,
  type AgentTool,
  type ChatProvider,
  type RunAgentLoopInput,
  defineTool,
  failoverProvider,
  openAiProvider,
  runAgentLoop,
} from "@/lib/agent";
import { type FakeLlmServer, useFakeLlm } from "@/tests/support/fake-llm-server";

const fake = useFakeLlm();

const provider = (server: FakeLlmServer, name = "main"): ChatProvider =>
  openAiProvider({ name, baseURL: server.baseURL, apiKey: "test-key", model: "fake-model", timeoutMs: 2_000 });

function noteTools() {
  const notes: string[] = [];
  const note = defineTool({
    name: "note",
    description: "Append a note.",
    input: z.strictObject({ text: z.string().min(1).max(200) }),
    async run({ text }) {
      if (text === "forbidden") throw new AppError("forbidden", "That note is not allowed.", "text");
      notes.push(text);
      return `Noted (${notes.length}).`;
    },
  });
  return { notes, tools: [note] as AgentTool[] };
}

async function run(p: ChatProvider, overrides: Partial<RunAgentLoopInput> = {}) {
  const events: AgentEvent[] = [];
  const result = await runAgentLoop({
    provider: p,
    system: "You write notes.",
    messages: [{ role: "user", content: "Take notes." }],
    tools: noteTools().tools,
    budget: { maxSteps: 10, maxTokens: 100_000 },
    signal: new AbortController().signal,
    onEvent: (e) => events.push(e),
    ...overrides,
  });
  return { result, events };
}

const call = (text: string) => ({ name: "note", arguments: JSON.stringify({ text }) });
const toolMessages = (server: FakeLlmServer, request: number) =>
  (server.requests[request]?.body.messages as { role: string; content: string }[]).filter((m) => m.role === "tool");

describe("runAgentLoop against an OpenAI-compatible server", () => {
  it("streams a text answer and completes", async () => {
    const server = await fake({ text: "Nothing to note.", usage: { promptTokens: 10, completionTokens: 4 } });
    const { result, events } = await run(provider(server));
    expect(result.reason).toBe("completed");
    expect(events.filter((e) => e.type === "text").map((e) => (e.type === "text" ? e.delta : "")).join("")).toBe("Nothing to note.");
    expect(events).toContainEqual({ type: "usage", provider: "main", model: "fake-model", promptTokens: 10, completionTokens: 4 });
    expect(events.at(-1)).toMatchObject({ type: "done", reason: "completed" });
    expect(result.messages.at(-1)).toEqual({ role: "assistant", content: "Nothing to note." });
    expect(server.requests[0]?.body.messages).toEqual([
      { role: "system", content: "You write notes." },
      { role: "user", content: "Take notes." },
    ]);
  });

  it("runs a tool call with fragmented arguments and sends its result back", async () => {
    const { notes, tools } = noteTools();
    const server = await fake({ toolCalls: [call("buy milk")], chunkSize: 5 }, { text: "Done." });
    const { result, events } = await run(provider(server), { tools });
    expect(notes).toEqual(["buy milk"]);
    expect(events).toContainEqual({ type: "tool_result", id: "call_1_0", ok: true, result: "Noted (1)." });
    expect(toolMessages(server, 1)).toEqual([{ role: "tool", tool_call_id: "call_1_0", content: "Noted (1)." }]);
    expect(result.summary).toContain("Succeeded: note.");
    const spec = (server.requests[0]?.body.tools as { function: { parameters: object } }[])[0];
    expect(spec?.function.parameters).toMatchObject({ type: "object", required: ["text"], additionalProperties: false });
  });

  it("runs two parallel tool calls and answers both in the order asked", async () => {
    const { notes, tools } = noteTools();
    const server = await fake({ toolCalls: [call("one"), call("two")] }, { text: "Both noted." });
    const { result } = await run(provider(server), { tools });
    expect(result.reason).toBe("completed");
    expect([...notes].sort()).toEqual(["one", "two"]);
    expect(toolMessages(server, 1).map((m) => (m as { tool_call_id?: string }).tool_call_id)).toEqual(["call_1_0", "call_1_1"]);
    expect(result.summary).toContain("note ×2");
  });

  it("answers malformed JSON arguments with an error result the model then corrects", async () => {
    const { notes, tools } = noteTools();
    const server = await fake(
      { toolCalls: [{ name: "note", arguments: '{"text": "unterminated' }] },
      { toolCalls: [call("fixed")] },
      { text: "Fixed." },
    );
    const { result, events } = await run(provider(server), { tools });
    expect(result.reason).toBe("completed");
    expect(notes).toEqual(["fixed"]);
    expect(events).toContainEqual(expect.objectContaining({ type: "tool_result", ok: false }));
    expect(toolMessages(server, 1)[0]?.content).toMatch(/not valid JSON/);
    expect(result.summary).toMatch(/Succeeded: note\. Failed: note/);
  });

  it("answers schema errors and tool AppErrors as error results", async () => {
    const server = await fake({ toolCalls: [{ name: "note", arguments: "{\"text\": 3}" }, call("forbidden")] }, { text: "ok" });
    const { result } = await run(provider(server));
    const [schema, forbidden] = toolMessages(server, 1);
    expect(schema?.content).toMatch(/invalid arguments/);
    expect(forbidden?.content).toBe("Error: That note is not allowed.");
    expect(result.reason).toBe("completed");
  });

  it("fails over to a second provider on a 500 and reports who answered", async () => {
    const a = await fake({ status: 500 });
    const b = await fake({ text: "from b", usage: { promptTokens: 5, completionTokens: 2 } });
    const failover = failoverProvider([provider(a, "a"), provider(b, "b")], { failureThreshold: 3, cooldownMs: 60_000 });
    const { result, events } = await run(failover);
    expect(result.reason).toBe("completed");
    expect(events).toContainEqual({ type: "usage", provider: "b", model: "fake-model", promptTokens: 5, completionTokens: 2 });
  });

  it("stops at the step budget", async () => {
    const server = await fake({ toolCalls: [call("a")] }, { toolCalls: [call("b")] }, { toolCalls: [call("c")] });
    const { result } = await run(provider(server), { budget: { maxSteps: 2, maxTokens: 100_000 } });
    expect(result).toMatchObject({ reason: "max_steps", steps: 2 });
    expect(server.requests).toHaveLength(2);
    expect(result.messages.at(-1)).toMatchObject({ role: "tool" });
  });

  it("stops at the token budget", async () => {
    const usage = { promptTokens: 600, completionTokens: 100 };
    const server = await fake({ toolCalls: [call("a")], usage }, { toolCalls: [call("b")], usage }, { text: "never" });
    const { result } = await run(provider(server), { budget: { maxSteps: 10, maxTokens: 1_000 } });
    expect(result).toMatchObject({ reason: "max_tokens", steps: 2, usage: { promptTokens: 1_200, completionTokens: 200 } });
  });

  it("stops when the same failing call is repeated three times", async () => {
    const bad = { name: "note", arguments: "{\"text\": \"\"}" };
    const server = await fake({ toolCalls: [bad] }, { toolCalls: [bad] }, { toolCalls: [bad] }, { text: "never" });
    const { result } = await run(provider(server));
    expect(result.reason).toBe("repeated_failure");
    expect(server.requests).toHaveLength(3);
    expect(result.summary).toMatch(/kept failing.*Failed: note ×3/);
  });

  it("stops promptly when aborted mid-stream", async () => {
    const server = await fake({ text: "x".repeat(200), chunkSize: 1, chunkDelayMs: 20 });
    const controller = new AbortController();
    const events: AgentEvent[] = [];
    const started = Date.now();
    const { result } = await run(provider(server), {
      signal: controller.signal,
      onEvent: (e) => {
        events.push(e);
        if (e.type === "text") controller.abort();
      },
    });
    expect(result.reason).toBe("aborted");
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(events.filter((e) => e.type === "text").length).toBeLessThan(5);
    expect(events.at(-1)).toMatchObject({ type: "done", reason: "aborted" });
  });
});
