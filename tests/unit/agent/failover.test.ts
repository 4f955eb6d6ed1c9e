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
    const b = scriptedProvider("b", [{ events: textEvents("b1") }, { events: textEvents("b2") }, { events: textEvents("b3") }, { events: textEvents("b4") }]);
    const failover = failoverProvider([a, b], { failureThreshold: 2, cooldownMs: 10_000, now: () => nowMs });
    await collect(failover);
    await collect(failover);
    expect(failover.health()[0]).toMatchObject({ isOpen: true });
    await collect(failover); // still open: a is not asked
    expect(a.requests).toHaveLength(2);
    nowMs = 10_000;
    await collect(failover); // half-open: one try, which fails and reopens at once
    expect(a.requests).toHaveLength(3);
    expect(failover.health()[0]).toMatchObject({ isOpen: true });
    nowMs = 20_000;
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
});
