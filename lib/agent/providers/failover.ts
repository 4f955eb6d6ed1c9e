import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "@/lib/log";
import { type ChatProvider, type ProviderEvent, type ProviderRequest, ProviderError } from "./provider";

/** How the failover treats failing providers. */
export type FailoverOptions = {
  /** Consecutive failures that open a provider's circuit. */
  failureThreshold: number;
  /** How long an open circuit keeps the provider out, in ms. */
  cooldownMs: number;
  /** When every provider is rate limited, the longest Retry-After worth waiting for, in ms. */
  maxRetryWaitMs?: number;
  now?: () => number;
  log?: Logger;
};

type Health = { failures: number; openUntilMs: number; retryAtMs: number };

/** A circuit breaker's view of one provider, for status pages and tests. */
export type ProviderHealth = { name: string; consecutiveFailures: number; isOpen: boolean; retryAtMs: number };

/** A chat provider over several, tried in order, with a circuit breaker per provider. */
export type FailoverProvider = ChatProvider & { health(): ProviderHealth[] };

type Attempt = { done: true } | { done: false; error: ProviderError };

type Failover = {
  providers: ChatProvider[];
  options: FailoverOptions;
  now: () => number;
  health: Map<ChatProvider, Health>;
};

function healthOf(f: Failover, p: ChatProvider): Health {
  let h = f.health.get(p);
  if (!h) f.health.set(p, (h = { failures: 0, openUntilMs: 0, retryAtMs: 0 }));
  return h;
}

function recordFailure(f: Failover, p: ChatProvider, error: ProviderError): void {
  const h = healthOf(f, p);
  h.failures += 1;
  // Not reset on opening: after the cooldown one more failure reopens the circuit at once (half-open).
  if (h.failures >= f.options.failureThreshold) h.openUntilMs = f.now() + f.options.cooldownMs;
  if (error.retryAfterSeconds !== undefined) h.retryAtMs = f.now() + error.retryAfterSeconds * 1000;
  f.options.log?.warn("agent.provider.failed", { provider: p.name, failure: error.failure, failures: h.failures });
}

async function* attempt(f: Failover, p: ChatProvider, req: ProviderRequest): AsyncGenerator<ProviderEvent, Attempt> {
  let hasStreamed = false;
  try {
    for await (const event of p.stream(req)) {
      if (!hasStreamed) yield { type: "provider", name: p.name, model: p.model };
      hasStreamed = true;
      yield event;
    }
  } catch (err) {
    const error = err instanceof ProviderError ? err : new ProviderError(p.name, "server", `Provider ${p.name} failed.`);
    if (error.failure !== "aborted" && error.failure !== "client") recordFailure(f, p, error);
    if (hasStreamed || !error.isTransient) throw error;
    return { done: false, error };
  }
  healthOf(f, p).failures = 0;
  return { done: true };
}

function isAvailable(f: Failover, p: ChatProvider): boolean {
  const h = healthOf(f, p);
  return f.now() >= h.openUntilMs && f.now() >= h.retryAtMs;
}

/** The wait until a rate-limited provider may be retried, if that is all that keeps every provider out. */
function retryWaitMs(f: Failover): number | undefined {
  const closed = f.providers.map((p) => healthOf(f, p)).filter((h) => f.now() >= h.openUntilMs);
  if (closed.length === 0) return undefined;
  const waitMs = Math.min(...closed.map((h) => h.retryAtMs - f.now()));
  return waitMs <= (f.options.maxRetryWaitMs ?? 0) ? Math.max(0, waitMs) : undefined;
}

async function* streamFirstAvailable(f: Failover, req: ProviderRequest): AsyncGenerator<ProviderEvent> {
  let lastError: ProviderError | undefined;
  for (let pass = 0; pass < 2; pass += 1) {
    for (const p of f.providers.filter((candidate) => isAvailable(f, candidate))) {
      const result = yield* attempt(f, p, req);
      if (result.done) return;
      lastError = result.error;
    }
    const waitMs = retryWaitMs(f);
    if (waitMs === undefined) break;
    try {
      await sleep(waitMs, undefined, { signal: req.signal });
    } catch {
      throw new ProviderError("failover", "aborted", "The request was cancelled.");
    }
  }
  if (lastError) throw lastError;
  throw new ProviderError("failover", "unavailable", "Every model provider is unavailable; try again shortly.");
}

/**
 * Tries providers in order. A provider that times out, is rate limited or fails with 5xx before it streamed
 * anything is skipped; once it streamed, its error is the caller's (the events cannot be taken back).
 * Every relayed answer starts with a `provider` event naming who answered, for usage accounting.
 */
export function failoverProvider(providers: ChatProvider[], options: FailoverOptions): FailoverProvider {
  const f: Failover = { providers, options, now: options.now ?? Date.now, health: new Map() };
  return {
    name: providers.map((p) => p.name).join("|"),
    model: providers[0]?.model ?? "",
    stream: (req) => streamFirstAvailable(f, req),
    health: () =>
      providers.map((p) => {
        const h = healthOf(f, p);
        return { name: p.name, consecutiveFailures: h.failures, isOpen: f.now() < h.openUntilMs, retryAtMs: h.retryAtMs };
      }),
  };
}
