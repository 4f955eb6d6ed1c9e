import type { RateLimit, RateLimitDecision, RateLimiter } from "./rate-limit";

// Counters in this process only: exact for a single Myco node, per node when there are several (set
// REDIS_URL or UPSTASH_REDIS_REST_* to share them). A true sliding log: each (rule, key) keeps the times
// of its allowed attempts inside the window, oldest first, so memory is at most `limit` numbers per
// active key. Refused attempts are not recorded, so hammering does not extend a block.
const SWEEP_EVERY_MS = 60_000;
const MAX_TRACKED_KEYS = 50_000;

type Entry = { times: number[]; windowMs: number };

/** Drops the times that left the window, in place: a hot key (an app's /_fn) must not copy its log per call. */
function expire(entry: Entry, at: number): void {
  let expired = 0;
  while (expired < entry.times.length && (entry.times[expired] ?? 0) <= at - entry.windowMs) expired += 1;
  if (expired > 0) entry.times.splice(0, expired);
}

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
      const id = `${rule.name}\u0000${key}`;
      const entry = entries.get(id) ?? { times: [], windowMs: 0 };
      entry.windowMs = rule.windowSeconds * 1000;
      entries.set(id, entry);
      expire(entry, at);
      if (entry.times.length >= rule.limit) {
        // The oldest counted attempt leaves the window first; that frees one slot.
        const oldest = entry.times[entry.times.length - rule.limit] ?? at;
        return { allowed: false, limit: rule.limit, remaining: 0, retryAfterSeconds: Math.max(1, Math.ceil((oldest + entry.windowMs - at) / 1000)) };
      }
      entry.times.push(at);
      return { allowed: true, limit: rule.limit, remaining: rule.limit - entry.times.length };
    },
    async remaining(rule: RateLimit, key: string) {
      const entry = entries.get(`${rule.name}\u0000${key}`);
      if (!entry) return { remaining: rule.limit, retryAfterSeconds: 0 };
      const at = now();
      expire(entry, at);
      const left = Math.max(0, rule.limit - entry.times.length);
      const oldest = entry.times[entry.times.length - rule.limit] ?? at;
      return { remaining: left, retryAfterSeconds: left > 0 ? 0 : Math.max(1, Math.ceil((oldest + entry.windowMs - at) / 1000)) };
    },
    async reset(rule: RateLimit, key: string) {
      entries.delete(`${rule.name}\u0000${key}`);
    },
    async close() {
      entries.clear();
    },
  };
}
