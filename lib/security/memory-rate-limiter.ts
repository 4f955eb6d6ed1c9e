import type { RateLimit, RateLimitDecision, RateLimiter } from "./rate-limit";

// Counters in this process only: exact for a single Myco node, per node when there are several (set
// REDIS_URL or UPSTASH_REDIS_REST_* to share them). A true sliding log: each (rule, key) keeps the times
// of its allowed attempts inside the window, so memory is at most `limit` numbers per active key.
// Refused attempts are not recorded, so hammering does not extend a block.
const SWEEP_EVERY_MS = 60_000;
const MAX_TRACKED_KEYS = 50_000;

type Entry = { times: number[]; windowMs: number };

/** An in-process sliding-window limiter; `now` is injectable for tests. */
export function createMemoryRateLimiter(now: () => number = Date.now): RateLimiter {
  const entries = new Map<string, Entry>();
  let lastSweepAt = now();

  const sweep = (at: number) => {
    for (const [id, e] of entries) {
      const newest = e.times.at(-1);
      if (newest === undefined || newest <= at - e.windowMs) entries.delete(id);
    }
    lastSweepAt = at;
  };

  return {
    async consume(rule: RateLimit, key: string): Promise<RateLimitDecision> {
      const at = now();
      // A full map is swept sooner, but never on every call: that would make each attempt O(keys).
      if (at - lastSweepAt >= (entries.size >= MAX_TRACKED_KEYS ? 1_000 : SWEEP_EVERY_MS)) sweep(at);
      const windowMs = rule.windowSeconds * 1000;
      const id = `${rule.name}\u0000${key}`;
      const entry = entries.get(id) ?? { times: [], windowMs };
      entry.windowMs = windowMs;
      const live = entry.times.filter((t) => t > at - windowMs);
      if (live.length >= rule.limit) {
        entry.times = live;
        entries.set(id, entry);
        // The oldest counted attempt leaves the window first; that frees one slot.
        const oldest = live[live.length - rule.limit] ?? at;
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + windowMs - at) / 1000)) };
      }
      live.push(at);
      entry.times = live;
      entries.set(id, entry);
      return { allowed: true };
    },
    async close() {
      entries.clear();
    },
  };
}
