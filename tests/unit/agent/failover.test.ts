import { describe, expect, it } from "vitest";
import { type ChatProvider, type ProviderEvent, ProviderError, failoverProvider } from "@/lib/agent";
import { scriptedProvider, serverError, textEvents } from "@/tests/support/fake-llm-server";

async function collect(p: ChatProvider): Promise<ProviderEvent[]> {
  const events: ProviderEvent[] = [];
  for await (const e of p.stream({ messages: [], tools: [], signal: new AbortController().signal })) events.push(e);
  return events;
}

const failureOf = (p: ChatProvider) => collect(p).then(() => undefined, (e: unknown) => e);

describe("failoverProvider", () => {
  it("names the provider that answered before relaying its events", async () => {
    const a = scriptedProvider("a", [{ events: [], fail: serverError("a") }]);
    const b = scriptedProvider("b", [{ events: textEvents("hi") }]);
    const events = await collect(failoverProvider([a, b], { failureThreshold: 3, cooldownMs: 1_000 }));
    expect(events).toEqual([{ type: "provider", name: "b", model: "b-model" }, ...textEvents("hi")]);
  });

  it("surfaces an error that comes after events were relayed, without trying the next provider", async () => {
    const a = scriptedProvider("a", [{ events: [{ type: "text", delta: "par" }], fail: serverError("a") }]);
    const b = scriptedProvider("b", [{ events: textEvents("never") }]);
    const err = await failureOf(failoverProvider([a, b], { failureThreshold: 3, cooldownMs: 1_000 }));
    expect(err).toMatchObject({ failure: "server", provider: "a" });
    expect(b.requests).toHaveLength(0);
  });

  it("lets one request through after the cooldown and reopens the circuit if it fails", async () => {
    let nowMs = 0;
    const a = scriptedProvider("a", [
      { events: [], fail: serverError("a") },
      { events: [], fail: serverError("a") },
      { events: [], fail: serverError("a") },
      { events: textEvents("a is back") },
    ]);
    const b = scriptedProvider("b", [{ events: textEvents("b1") }, { events: textEvents("b2") }, { events: textEvents("b3") }, { events: textEvents("b4") }, { events: textEvents("b5") }]);
    const failover = failoverProvider([a, b], { failureThreshold: 2, cooldownMs: 10_000, now: () => nowMs });
    await collect(failover);
    await collect(failover);
    expect(failover.health()[0]).toMatchObject({ isOpen: true });
    await collect(failover); // still open: a is not asked
    expect(a.requests).toHaveLength(2);
    nowMs = 10_000;
    await collect(failover); // half-open: one try, which fails and reopens for twice as long
    expect(a.requests).toHaveLength(3);
    expect(failover.health()[0]).toMatchObject({ isOpen: true });
    nowMs = 20_000;
    await collect(failover);
    expect(a.requests).toHaveLength(3);
    nowMs = 30_000;
    expect(await collect(failover)).toContainEqual({ type: "text", delta: "a is back" });
    expect(failover.health()[0]).toMatchObject({ isOpen: false, consecutiveFailures: 0 });
  });

  it("answers unavailable when every circuit is open", async () => {
    const a = scriptedProvider("a", [{ events: [], fail: serverError("a") }]);
    const failover = failoverProvider([a], { failureThreshold: 1, cooldownMs: 60_000 });
    expect(await failureOf(failover)).toMatchObject({ failure: "server" });
    const err = await failureOf(failover);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({ failure: "unavailable", code: "unavailable" });
  });

  it("does not count a client error against the circuit", async () => {
    const a = scriptedProvider("a", [{ events: [], fail: new ProviderError("a", "client", "Provider a answered 400.") }]);
    const failover = failoverProvider([a], { failureThreshold: 1, cooldownMs: 60_000 });
    expect(await failureOf(failover)).toMatchObject({ failure: "client" });
    expect(failover.health()[0]).toMatchObject({ isOpen: false, consecutiveFailures: 0 });
  });

  it("lets exactly one probe through a half-open circuit; other runs go elsewhere meanwhile", async () => {
    let nowMs = 0;
    let release: () => void = () => undefined;
    const slow = new Promise<void>((r) => (release = r));
    const a: ChatProvider & { requests: number } = {
      name: "a",
      model: "m",
      requests: 0,
      async *stream() {
        a.requests += 1;
        if (a.requests <= 2) throw serverError("a");
        await slow;
        yield { type: "text", delta: "probe answered" };
        yield { type: "done", finishReason: "stop" };
      },
    };
    const b = scriptedProvider("b", [{ events: textEvents("b1") }, { events: textEvents("b2") }, { events: textEvents("b3") }]);
    const failover = failoverProvider([a, b], { failureThreshold: 2, cooldownMs: 10_000, now: () => nowMs });
    await collect(failover);
    await collect(failover);
    nowMs = 10_000;
    const probe = collect(failover);
    await new Promise((r) => setTimeout(r, 10));
    expect(await collect(failover)).toContainEqual({ type: "text", delta: "b3" });
    expect(a.requests).toBe(3);
    release();
    expect(await probe).toContainEqual({ type: "text", delta: "probe answered" });
    expect(failover.health()[0]).toMatchObject({ isOpen: false, consecutiveFailures: 0 });
  });

  it("backs off with jitter between rounds of 5xx, then answers", async () => {
    const a = scriptedProvider("a", [{ events: [], fail: serverError("a") }, { events: [], fail: serverError("a") }, { events: textEvents("third time") }]);
    const draws: number[] = [];
    const random = () => {
      draws.push(1);
      return 0.5;
    };
    const started = Date.now();
    const events = await collect(failoverProvider([a], { failureThreshold: 5, cooldownMs: 1_000, backoffBaseMs: 40, backoffCapMs: 1_000, random }));
    expect(events).toContainEqual({ type: "text", delta: "third time" });
    expect(draws).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(20 + 40 - 5);
  });

  it("fails only the run a long Retry-After asks to wait, naming when to retry, and opens nothing", async () => {
    const limited = new ProviderError("a", "rate_limited", "Provider a is rate limiting requests.", { httpStatus: 429, retryAfterSeconds: 600 });
    const a = scriptedProvider("a", [{ events: [], fail: limited }, { events: textEvents("another run is answered") }]);
    const failover = failoverProvider([a], { failureThreshold: 1, cooldownMs: 60_000, maxRetryWaitMs: 5_000, now: () => Date.parse("2026-12-06T10:00:00Z") });
    const err = await collect(failover).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as ProviderError).message).toBe("The model provider asks to retry after 600 s (at 10:10 UTC); this run stopped rather than wait that long.");
    expect(failover.health()[0]).toMatchObject({ isOpen: false, consecutiveFailures: 0 });
    expect(await collect(failover)).toContainEqual({ type: "text", delta: "another run is answered" });
  });
});
