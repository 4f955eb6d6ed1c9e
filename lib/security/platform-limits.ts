import { getConfig, type RateLimitId } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { metrics } from "@/lib/log";
import { enforceRateLimit, sharedRateLimiter, type RateLimit } from "./rate-limit";

// The noun each limit's 429 message uses: "Too many <noun>; try again in 30 s."
const NOUNS: Record<RateLimitId, string> = {
  signUps: "sign-ups from this address",
  signInAttempts: "sign-in attempts from this address",
  wrongPasswords: "wrong passwords for this account from this address",
  wrongPasswordsPerAccount: "wrong passwords for this account",
  tokens: "API tokens created",
  projects: "projects created",
  writes: "changes to this project",
  migrations: "migrations of this project",
  queries: "database queries",
  invokes: "function invocations",
  builds: "build checks of this project",
  appCalls: "calls to this app's functions",
  appCallsPerClient: "calls to this app's functions from this address",
};

function ruleOf(id: RateLimitId): RateLimit {
  const { limit, windowSeconds } = getConfig().rateLimits[id];
  return { name: NOUNS[id], limit, windowSeconds, id };
}

/**
 * Counts one attempt by `key` against the platform limit `id` (numbers from the configuration); throws
 * rate_limited with Retry-After and the limit's policy when it is spent.
 */
export function enforceLimit(id: RateLimitId, key: string): Promise<void> {
  return enforceRateLimit(ruleOf(id), key);
}

/** Seconds until `id`'s limit for `key` frees a slot; 0 while attempts are left. Counts nothing. */
export async function limitWaitSeconds(id: RateLimitId, key: string): Promise<number> {
  return (await sharedRateLimiter().remaining(ruleOf(id), key)).retryAfterSeconds;
}

/** Throws rate_limited (naming `field`) when what `key` counted against `id` has spent it; counts nothing. */
export async function assertLimitNotSpent(id: RateLimitId, key: string, field?: string): Promise<void> {
  const retryAfterSeconds = await limitWaitSeconds(id, key);
  if (retryAfterSeconds === 0) return;
  metrics.rateLimitRefused(id);
  const { name, limit, windowSeconds } = ruleOf(id);
  throw new AppError("rate_limited", `Too many ${name}; try again in ${retryAfterSeconds} s.`, field, {
    retryAfterSeconds,
    rateLimit: { limit, windowSeconds },
  });
}

/** Counts one event (e.g. a wrong password) against `id` without refusing anything. */
export async function countAgainstLimit(id: RateLimitId, key: string): Promise<void> {
  await sharedRateLimiter().consume(ruleOf(id), key);
}

/** Forgets what `key` has counted against `id`. */
export function clearLimit(id: RateLimitId, key: string): Promise<void> {
  return sharedRateLimiter().reset(ruleOf(id), key);
}
