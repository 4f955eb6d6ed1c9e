// Fake models for agent tests: the scripted OpenAI-compatible server (see model-server.ts), one per
// test, closed after it; and an in-memory ChatProvider for tests that need no HTTP.
import { afterEach } from "vitest";
import { type ChatProvider, type ProviderEvent, ProviderError, type ProviderRequest } from "@/lib/agent";
import { startFakeLlmServer, type FakeLlmServer, type FakeResponse } from "./model-server";

export { startFakeLlmServer, type FakeLlmServer, type FakeResponse, type FakeToolCall, type FakeUsage, type RecordedRequest } from "./model-server";

/** One scripted turn: events to yield, then optionally a failure. */
export type Turn = { events: ProviderEvent[]; fail?: ProviderError };

/** An in-memory provider that replays turns and records the requests it got. */
export function scriptedProvider(name: string, turns: Turn[]): ChatProvider & { requests: ProviderRequest[] } {
  const requests: ProviderRequest[] = [];
  return {
    name,
    model: `${name}-model`,
    requests,
    async *stream(req) {
      requests.push({ ...req, messages: [...req.messages] });
      const turn = turns.shift() ?? { events: [], fail: new ProviderError(name, "server", "script exhausted") };
      for (const e of turn.events) yield e;
      if (turn.fail) throw turn.fail;
    },
  };
}

export const textEvents = (delta: string): ProviderEvent[] => [{ type: "text", delta }, { type: "done", finishReason: "stop" }];
export const serverError = (name: string) => new ProviderError(name, "server", `Provider ${name} answered 500.`, { httpStatus: 500 });

/** A starter of fake servers for one test file; every server it started is closed after each test. */
export function useFakeLlm(): (...script: FakeResponse[]) => Promise<FakeLlmServer> {
  const servers: FakeLlmServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  return async (...script) => {
    const server = await startFakeLlmServer(script);
    servers.push(server);
    return server;
  };
}
