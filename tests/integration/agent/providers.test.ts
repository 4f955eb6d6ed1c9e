import { describe, expect, it } from "vitest";
import {
  type ChatProvider,
  type ProviderEvent,
  type ToolSpec,
  ProviderError,
  failoverProvider,
  openAiProvider,
} from "@/lib/agent";
import { type FakeLlmServer, useFakeLlm } from "@/tests/support/fake-llm-server";

const fake = useFakeLlm();

function provider(server: FakeLlmServer, name: string, timeoutMs = 2_000): ChatProvider {
  return openAiProvider({ name, baseURL: server.baseURL, apiKey: "test-key", model: `${name}-model`, timeoutMs });
}

const noteTool: ToolSpec = {
  type: "function",
  function: { name: "note", description: "Write a note.", parameters: { type: "object", properties: { text: { type: "string" } } } },
};

async function collect(p: ChatProvider, tools: ToolSpec[] = []): Promise<ProviderEvent[]> {
  const events: ProviderEvent[] = [];
  const signal = new AbortController().signal;
  for await (const e of p.stream({ messages: [{ role: "user", content: "hi" }], tools, signal })) events.push(e);
  return events;
}

async function failureOf(p: ChatProvider): Promise<ProviderError> {
  const err: unknown = await collect(p).then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(ProviderError);
  return err as ProviderError;
}

const textOf = (events: ProviderEvent[]) => events.map((e) => (e.type === "text" ? e.delta : "")).join("");
const answeredBy = (events: ProviderEvent[]) => events.find((e) => e.type === "provider");

describe("openAiProvider", () => {
  it("streams text deltas, then usage and the finish reason", async () => {
    const server = await fake({ text: "Hello from the fake model.", chunkSize: 4, usage: { promptTokens: 12, completionTokens: 7 } });
    const events = await collect(provider(server, "a"));
    expect(textOf(events)).toBe("Hello from the fake model.");
    expect(events.filter((e) => e.type === "text").length).toBeGreaterThan(3);
    expect(events).toContainEqual({ type: "usage", promptTokens: 12, completionTokens: 7 });
    expect(events.at(-1)).toEqual({ type: "done", finishReason: "stop" });
    expect(server.requests[0]?.body).toMatchObject({ model: "a-model", stream: true, stream_options: { include_usage: true } });
  });

  it("assembles one tool call whose arguments arrive in 1-5 character fragments", async () => {
    const args = JSON.stringify({ text: "a note with \"quotes\", commas, and {braces}" });
    const server = await fake({ toolCalls: [{ id: "call_x", name: "note", arguments: args }], chunkSize: 5 });
    const events = await collect(provider(server, "a"), [noteTool]);
    expect(events).toContainEqual({ type: "tool_calls", calls: [{ id: "call_x", name: "note", arguments: args }] });
    expect(events.at(-1)).toEqual({ type: "done", finishReason: "tool_calls" });
    expect(server.requests[0]?.body).toMatchObject({ tools: [noteTool], parallel_tool_calls: true });
  });

  it("keeps two parallel tool calls apart by index", async () => {
    const first = JSON.stringify({ text: "first" });
    const second = JSON.stringify({ text: "second" });
    const server = await fake({ toolCalls: [{ name: "note", arguments: first }, { name: "note", arguments: second }], chunkSize: 3 });
    const events = await collect(provider(server, "a"), [noteTool]);
    const calls = events.find((e) => e.type === "tool_calls");
    expect(calls).toEqual({
      type: "tool_calls",
      calls: [
        { id: "call_1_0", name: "note", arguments: first },
        { id: "call_1_1", name: "note", arguments: second },
      ],
    });
  });

  it("classifies 429 with its Retry-After, 5xx, other 4xx and timeouts", async () => {
    const server = await fake({ status: 429, retryAfter: "7" }, { status: 503 }, { status: 400 }, { hang: true });
    const p = provider(server, "a", 300);
    expect(await failureOf(p)).toMatchObject({ failure: "rate_limited", code: "rate_limited", retryAfterSeconds: 7, httpStatus: 429 });
    expect(await failureOf(p)).toMatchObject({ failure: "server", code: "unavailable", httpStatus: 503 });
    expect(await failureOf(p)).toMatchObject({ failure: "client", code: "bad_request", httpStatus: 400, isTransient: false });
    const started = Date.now();
    expect(await failureOf(p)).toMatchObject({ failure: "timeout" });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("times out a stream that stalls after it started, instead of passing it off as complete", async () => {
    const server = await fake({ text: "slow answer", chunkSize: 2, chunkDelayMs: 1_000 });
    const events: ProviderEvent[] = [];
    const signal = new AbortController().signal;
    const stream = provider(server, "a", 300).stream({ messages: [{ role: "user", content: "hi" }], tools: [], signal });
    const err: unknown = await (async () => {
      for await (const e of stream) events.push(e);
    })().catch((e: unknown) => e);
    expect(err).toMatchObject({ failure: "timeout", provider: "a" });
    expect(events.some((e) => e.type === "done")).toBe(false);
  });
});

describe("failoverProvider over real endpoints", () => {
  const options = { failureThreshold: 3, cooldownMs: 60_000 };

  it("fails over to the second provider on a 500", async () => {
    const a = await fake({ status: 500 });
    const b = await fake({ text: "from b" });
    const events = await collect(failoverProvider([provider(a, "a"), provider(b, "b")], options));
    expect(answeredBy(events)).toEqual({ type: "provider", name: "b", model: "b-model" });
    expect(textOf(events)).toBe("from b");
  });

  it("fails over to the second provider when the first times out", async () => {
    const a = await fake({ hang: true });
    const b = await fake({ text: "from b" });
    const events = await collect(failoverProvider([provider(a, "a", 300), provider(b, "b")], options));
    expect(answeredBy(events)).toMatchObject({ name: "b" });
  });

  it("fails over on a 429 and skips the rate-limited provider until Retry-After has passed", async () => {
    const a = await fake({ status: 429, retryAfter: "60" }, { text: "from a" });
    const b = await fake({ text: "from b, 1" }, { text: "from b, 2" });
    const failover = failoverProvider([provider(a, "a"), provider(b, "b")], options);
    expect(textOf(await collect(failover))).toBe("from b, 1");
    expect(textOf(await collect(failover))).toBe("from b, 2");
    expect(a.requests).toHaveLength(1);
    expect(failover.health()[0]).toMatchObject({ name: "a", isOpen: false });
    expect(failover.health()[0]?.retryAtMs).toBeGreaterThan(Date.now() + 50_000);
  });

  it("waits out a short Retry-After and retries the same provider when it is the only one", async () => {
    const a = await fake({ status: 429, retryAfter: "1" }, { text: "from a after waiting" });
    const started = Date.now();
    const events = await collect(failoverProvider([provider(a, "a")], { ...options, maxRetryWaitMs: 2_000 }));
    expect(textOf(events)).toBe("from a after waiting");
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(a.requests).toHaveLength(2);
  });

  it("opens a provider's circuit after consecutive failures and stops calling it", async () => {
    const a = await fake({ status: 500 }, { status: 502 }, { text: "never asked" });
    const b = await fake({ text: "b1" }, { text: "b2" }, { text: "b3" });
    const failover = failoverProvider([provider(a, "a"), provider(b, "b")], { failureThreshold: 2, cooldownMs: 60_000 });
    for (const expected of ["b1", "b2", "b3"]) expect(textOf(await collect(failover))).toBe(expected);
    expect(a.requests).toHaveLength(2);
    expect(failover.health()[0]).toMatchObject({ name: "a", isOpen: true, consecutiveFailures: 2 });
  });

  it("does not fail over on a client error", async () => {
    const a = await fake({ status: 400 });
    const b = await fake({ text: "from b" });
    const err = await failureOf(failoverProvider([provider(a, "a"), provider(b, "b")], options));
    expect(err).toMatchObject({ failure: "client", provider: "a" });
    expect(b.requests).toHaveLength(0);
  });
});
