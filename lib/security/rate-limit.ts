import { Ratelimit } from "@upstash/ratelimit";
import { Redis } from "@upstash/redis";
import { Redis as IORedis } from "ioredis";
import { getConfig, type Config } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { log, metrics } from "@/lib/log";
import { ioredisRequester } from "./ioredis-requester";
import { createMemoryRateLimiter } from "./memory-rate-limiter";

/**
 * A rule: at most `limit` attempts per key in any `windowSeconds`; `name` is a plural noun ("agent runs");
 * `id` labels its refusals in metrics (a platform limit's RateLimitId; default the name, dashed).
 */
export type RateLimit = { name: string; limit: number; windowSeconds: number; id?: string };

/** The `limit` label a refusal by `rule` is counted under. */
const limitLabel = (rule: RateLimit): string => rule.id ?? rule.name.toLowerCase().replace(/[^a-z0-9]+/g, "-");

/** The outcome of one counted attempt: attempts left in the window, or how long to wait. */
export type RateLimitDecision =
  | { allowed: true; limit: number; remaining: number }
  | { allowed: false; limit: number; remaining: 0; retryAfterSeconds: number };

/** A backend: in-process counters, or shared ones in Redis / Upstash. */
export type RateLimiter = {
  /** Counts one attempt, unless the limit is spent. */
  consume(rule: RateLimit, key: string): Promise<RateLimitDecision>;
  /** Attempts left without counting one, and when the next frees up (counting failures only needs it). */
  remaining(rule: RateLimit, key: string): Promise<{ remaining: number; retryAfterSeconds: number }>;
  /** Forgets the key's attempts (a successful sign-in clears its wrong passwords). */
  reset(rule: RateLimit, key: string): Promise<void>;
  close(): Promise<void>;
};

type RedisBackend = NonNullable<Config["redis"]>;

// How long one check may wait for Redis before the request is let through (fail open, below).
const BACKEND_TIMEOUT_MS = 2_000;
const FAILURE_LOG_INTERVAL_MS = 60_000;
const KEY_PREFIX = "myco:rl";

/** The Redis key prefix of a rule's counters (`<prefix>:<key>:<window number>`); tests clean up with it. */
export function redisKeyPrefix(rule: RateLimit): string {
  return `${KEY_PREFIX}:${rule.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
}

function assertValidRule(rule: RateLimit): void {
  const ok = Number.isInteger(rule.limit) && rule.limit >= 1 && Number.isInteger(rule.windowSeconds) && rule.windowSeconds >= 1;
  if (!ok) throw new Error(`rate limit "${rule.name}" needs a whole limit and window of at least 1`);
}

function retryAfterSeconds(resetAtMs: number, rule: RateLimit): number {
  return Math.min(rule.windowSeconds, Math.max(1, Math.ceil((resetAtMs - Date.now()) / 1000)));
}

/** An error once per minute at most: a Redis outage must not flood the log or Sentry. */
function failureLogger(backend: RedisBackend["kind"]): (err: unknown) => void {
  let lastLoggedAt = Number.NEGATIVE_INFINITY;
  return (err) => {
    const now = Date.now();
    if (now - lastLoggedAt < FAILURE_LOG_INTERVAL_MS) return;
    lastLoggedAt = now;
    log.error("rate_limit.backend_failed", { backend, failOpen: true }, err);
  };
}

type Connection = { redis: Redis; isDown: () => boolean; close: () => void };

function connect(backend: RedisBackend, onError: (err: unknown) => void): Connection {
  if (backend.kind === "upstash") {
    // Only this Upstash endpoint is contacted: no telemetry headers, no latency logs, one quick retry.
    const redis = new Redis({
      url: backend.url,
      token: backend.token,
      enableTelemetry: false,
      latencyLogging: false,
      retry: { retries: 1, backoff: () => 100 },
    });
    return { redis, isDown: () => false, close: () => undefined };
  }
  const client = new IORedis(backend.url, {
    lazyConnect: true,
    connectTimeout: BACKEND_TIMEOUT_MS,
    commandTimeout: BACKEND_TIMEOUT_MS,
    // While Redis is down, queued commands fail after one reconnect attempt instead of waiting for it.
    maxRetriesPerRequest: 1,
  });
  // Without a listener ioredis prints every reconnect failure to the console.
  client.on("error", onError);
  return {
    redis: new Redis(ioredisRequester(client)),
    // Once a connection has failed, ioredis keeps retrying in the background (backing off to 2 s);
    // until it is back, checks skip Redis rather than queue behind the next attempt.
    isDown: () => client.status === "reconnecting",
    close: () => client.disconnect(),
  };
}

/** One @upstash/ratelimit sliding window (weighted over the previous fixed window) per rule, made on first use. */
function upstashLimiters(redis: Redis): (rule: RateLimit) => Ratelimit {
  const limiters = new Map<string, Ratelimit>();
  return (rule) => {
    const id = `${rule.name}|${rule.limit}|${rule.windowSeconds}`;
    let limiter = limiters.get(id);
    if (!limiter) {
      limiter = new Ratelimit({
        redis,
        limiter: Ratelimit.slidingWindow(rule.limit, `${rule.windowSeconds} s`),
        prefix: redisKeyPrefix(rule),
        timeout: BACKEND_TIMEOUT_MS,
        // Offline by design: no analytics writes, no deny lists fetched from GitHub, no telemetry.
        analytics: false,
        enableProtection: false,
        enableTelemetry: false,
      });
      limiters.set(id, limiter);
    }
    return limiter;
  };
}

/**
 * Shared counters in Redis or Upstash. Fails open: when the store errors, is reconnecting or is slower
 * than BACKEND_TIMEOUT_MS, the attempt is allowed and the failure logged (at most once a minute). Rate
 * limits protect capacity; an outage of the counter store must not take agent runs down with it.
 */
function createRedisRateLimiter(backend: RedisBackend): RateLimiter {
  const onError = failureLogger(backend.kind);
  const { redis, isDown, close } = connect(backend, onError);
  const limiterFor = upstashLimiters(redis);
  return {
    async consume(rule, key) {
      const failOpen: RateLimitDecision = { allowed: true, limit: rule.limit, remaining: rule.limit };
      if (isDown()) return failOpen; // ioredis reports each failed reconnect through onError
      let res: Awaited<ReturnType<Ratelimit["limit"]>>;
      try {
        res = await limiterFor(rule).limit(key);
      } catch (err) {
        onError(err);
        return failOpen;
      }
      if (res.reason === "timeout") {
        onError(new Error(`rate-limit backend did not answer within ${BACKEND_TIMEOUT_MS} ms`));
        return failOpen;
      }
      if (res.success) return { allowed: true, limit: rule.limit, remaining: Math.max(0, res.remaining) };
      return { allowed: false, limit: rule.limit, remaining: 0, retryAfterSeconds: retryAfterSeconds(res.reset, rule) };
    },
    async remaining(rule, key) {
      if (isDown()) return { remaining: rule.limit, retryAfterSeconds: 0 };
      try {
        const res = await limiterFor(rule).getRemaining(key);
        return { remaining: Math.max(0, res.remaining), retryAfterSeconds: res.remaining > 0 ? 0 : retryAfterSeconds(res.reset, rule) };
      } catch (err) {
        onError(err);
        return { remaining: rule.limit, retryAfterSeconds: 0 };
      }
    },
    async reset(rule, key) {
      if (isDown()) return;
      await limiterFor(rule).resetUsedTokens(key).catch(onError);
    },
    close: async () => close(),
  };
}

/** A limiter for a backend configuration (`getConfig().redis`); undefined means in-process counters. */
export function createRateLimiter(backend: Config["redis"]): RateLimiter {
  const limiter = backend ? createRedisRateLimiter(backend) : createMemoryRateLimiter();
  return {
    async consume(rule, key) {
      assertValidRule(rule);
      return limiter.consume(rule, key);
    },
    async remaining(rule, key) {
      assertValidRule(rule);
      return limiter.remaining(rule, key);
    },
    reset: (rule, key) => limiter.reset(rule, key),
    close: () => limiter.close(),
  };
}

let shared: RateLimiter | undefined;

/** The process's limiter: in-process counters, or Redis / Upstash when configured. */
export function sharedRateLimiter(): RateLimiter {
  return (shared ??= createRateLimiter(getConfig().redis));
}

/**
 * Counts one attempt by `key` (e.g. a user id) against `rule`; throws AppError("rate_limited") with
 * retryAfterSeconds when over. Fails open when the Redis backend is unreachable.
 */
export async function enforceRateLimit(rule: RateLimit, key: string): Promise<void> {
  const decision = await sharedRateLimiter().consume(rule, key);
  if (decision.allowed) return;
  metrics.rateLimitRefused(limitLabel(rule));
  const { retryAfterSeconds } = decision;
  throw new AppError("rate_limited", `Too many ${rule.name}; try again in ${retryAfterSeconds} s.`, undefined, {
    retryAfterSeconds,
    rateLimit: { limit: rule.limit, windowSeconds: rule.windowSeconds },
  });
}

/** Closes Redis connections (tests); the next check opens them again. */
export async function closeRateLimiters(): Promise<void> {
  const limiter = shared;
  shared = undefined;
  await limiter?.close();
}
