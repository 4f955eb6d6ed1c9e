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
  /** Rounds over the providers when they fail with 5xx or time out, with a jittered backoff between [3]. */
  rounds?: number;
  /** The backoff before round n is random() × min(backoffCapMs, backoffBaseMs × 2^n) [500, 4000]. */
  backoffBaseMs?: number;
  backoffCapMs?: number;
  now?: () => number;
  random?: () => number;
  log?: Logger;
};

/** A provider's breaker: consecutive failures, open until, the cooldown it opens for, a probe in flight. */
type Health = { failures: number; openUntilMs: number; cooldownMs: number; probing: boolean; retryAtMs: number };

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
  if (!h) f.health.set(p, (h = { failures: 0, openUntilMs: 0, cooldownMs: f.options.cooldownMs, probing: false, retryAtMs: 0 }));
  return h;
}

const MAX_COOLDOWN_FACTOR = 8;

// A 429 is one caller's answer, not the provider failing: it opens nothing, so every other run still asks
// the provider itself. 5xx, timeouts and refused connections count; a failed probe reopens for longer.
function recordFailure(f: Failover, p: ChatProvider, error: ProviderError): void {
  const h = healthOf(f, p);
  if (error.retryAfterSeconds !== undefined) h.retryAtMs = f.now() + error.retryAfterSeconds * 1000;
  if (error.failure === "rate_limited") return;
  h.failures += 1;
  if (h.probing) h.cooldownMs = Math.min(h.cooldownMs * 2, f.options.cooldownMs * MAX_COOLDOWN_FACTOR);
  h.probing = false;
  if (h.failures >= f.options.failureThreshold) h.openUntilMs = f.now() + h.cooldownMs;
  f.options.log?.warn("agent.provider.failed", { provider: p.name, failure: error.failure, failures: h.failures });
}

async function* attempt(f: Failover, p: ChatProvider, req: ProviderRequest): AsyncGenerator<ProviderEvent, Attempt> {
  let hasStreamed = false;
  const h = healthOf(f, p);
  // Past its cooldown an open breaker lets exactly this one request through as a probe (half-open).
  if (h.failures >= f.options.failureThreshold) h.probing = true;
  try {
    for await (const event of p.stream(req)) {
      if (!hasStreamed) yield { type: "provider", name: p.name, model: p.model };
      hasStreamed = true;
      yield event;
    }
  } catch (err) {
    const error = err instanceof ProviderError ? err : new ProviderError(p.name, "server", `Provider ${p.name} failed.`);
    if (error.failure !== "aborted" && error.failure !== "client") recordFailure(f, p, error);
    else h.probing = false;
    if (hasStreamed || !error.isTransient) throw error;
    return { done: false, error };
  }
  Object.assign(h, { failures: 0, probing: false, cooldownMs: f.options.cooldownMs });
  return { done: true };
}

// Closed, or open past its cooldown with no probe in flight.
function isAvailable(f: Failover, p: ChatProvider): boolean {
  const h = healthOf(f, p);
  return f.now() >= h.openUntilMs && !h.probing;
}

/** The wait until a rate-limited provider may be retried, if that is all that keeps every provider out. */
function retryWaitMs(f: Failover): number | undefined {
  const closed = f.providers.map((p) => healthOf(f, p)).filter((h) => f.now() >= h.openUntilMs);
  if (closed.length === 0) return undefined;
  const waitMs = Math.min(...closed.map((h) => h.retryAtMs - f.now()));
  return waitMs <= (f.options.maxRetryWaitMs ?? 0) ? Math.max(0, waitMs) : undefined;
}

async function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  try {
    await sleep(ms, undefined, { signal });
  } catch {
    throw new ProviderError("failover", "aborted", "The request was cancelled.");
  }
}

// A run that the provider asks to come back later than it may wait fails with the time to come back.
function tooLongError(f: Failover, error: ProviderError): ProviderError {
  const seconds = error.retryAfterSeconds ?? 0;
  const at = new Date(f.now() + seconds * 1000).toISOString().slice(11, 16);
  return new ProviderError(error.provider, "rate_limited", `The model provider asks to retry after ${seconds} s (at ${at} UTC); this run stopped rather than wait that long.`, { retryAfterSeconds: seconds });
}

async function* streamFirstAvailable(f: Failover, req: ProviderRequest): AsyncGenerator<ProviderEvent> {
  let lastError: ProviderError | undefined;
  const rounds = f.options.rounds ?? 3;
  for (let round = 0; round < rounds; round += 1) {
    // A provider that asked to wait is skipped while another can answer, and asked again when none can.
    const available = f.providers.filter((candidate) => isAvailable(f, candidate));
    const ready = available.filter((candidate) => f.now() >= healthOf(f, candidate).retryAtMs);
    for (const p of ready.length > 0 ? ready : available) {
      const result = yield* attempt(f, p, req);
      if (result.done) return;
      lastError = result.error;
    }
    if (round === rounds - 1 || !lastError) break;
    if (lastError.failure === "rate_limited") {
      const waitMs = retryWaitMs(f);
      if (waitMs === undefined) throw tooLongError(f, lastError);
      await pause(waitMs, req.signal);
    } else {
      // Repeated 5xx and timeouts back off, with full jitter so many runs do not retry in step.
      const ceiling = Math.min(f.options.backoffCapMs ?? 4_000, (f.options.backoffBaseMs ?? 500) * 2 ** round);
      await pause(Math.floor((f.options.random ?? Math.random)() * ceiling), req.signal);
    }
  }
  if (lastError) throw lastError;
  throw new ProviderError("failover", "unavailable", "Every model provider is unavailable (their circuits are open after failing); try again shortly.");
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
        return { name: p.name, consecutiveFailures: h.failures, isOpen: f.now() < h.openUntilMs || h.probing, retryAtMs: h.retryAtMs };
      }),
  };
}
