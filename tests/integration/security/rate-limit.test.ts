import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { closeRateLimiters, enforceRateLimit, type RateLimit } from "@/lib/security";
import { createRateLimiter, type RateLimitDecision } from "@/lib/security/rate-limit";

// The in-process backend: the default when neither REDIS_URL nor UPSTASH_REDIS_REST_* is set.
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const rule = (limit: number, windowSeconds: number): RateLimit => ({ name: `test runs ${randomUUID()}`, limit, windowSeconds });

async function consumeTimes(limiter: ReturnType<typeof createRateLimiter>, r: RateLimit, key: string, n: number) {
  const out: RateLimitDecision[] = [];
  for (let i = 0; i < n; i++) out.push(await limiter.consume(r, key));
  return out;
}

describe("in-process rate limiter", () => {
  const limiter = createRateLimiter(undefined);
  afterAll(() => limiter.close());

  it("allows `limit` attempts, then refuses with a Retry-After within the window", async () => {
    const r = rule(3, 60);
    const decisions = await consumeTimes(limiter, r, "user-1", 4);
    expect(decisions.slice(0, 3)).toEqual([2, 1, 0].map((remaining) => ({ allowed: true, limit: 3, remaining })));
    const last = decisions[3];
    expect(last?.allowed).toBe(false);
    if (last?.allowed !== false) return;
    expect(Number.isInteger(last.retryAfterSeconds)).toBe(true);
    expect(last.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(last.retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it("counts each key separately", async () => {
    const r = rule(2, 60);
    await consumeTimes(limiter, r, "alice", 2);
    expect(await limiter.consume(r, "alice")).toMatchObject({ allowed: false });
    expect(await limiter.consume(r, "bob")).toMatchObject({ allowed: true });
  });

  it("counts each rule separately for the same key", async () => {
    const a = rule(1, 60);
    const b = rule(1, 60);
    expect(await limiter.consume(a, "carol")).toMatchObject({ allowed: true });
    expect(await limiter.consume(b, "carol")).toMatchObject({ allowed: true });
    expect(await limiter.consume(a, "carol")).toMatchObject({ allowed: false });
  });

  it("allows attempts again once the window has passed", async () => {
    const r = rule(2, 1);
    await consumeTimes(limiter, r, "dave", 2);
    expect(await limiter.consume(r, "dave")).toEqual({ allowed: false, limit: 2, remaining: 0, retryAfterSeconds: 1 });
    await sleep(1_100);
    expect(await limiter.consume(r, "dave")).toMatchObject({ allowed: true });
  });

  it("does not count refused attempts, so retrying does not extend the block", async () => {
    const r = rule(1, 1);
    await limiter.consume(r, "erin");
    await sleep(600);
    expect(await limiter.consume(r, "erin")).toMatchObject({ allowed: false });
    await sleep(500);
    expect(await limiter.consume(r, "erin")).toMatchObject({ allowed: true });
  });

  it("rejects a rule whose limit or window is not a whole number of at least 1", async () => {
    await expect(limiter.consume({ name: "bad", limit: 0, windowSeconds: 60 }, "x")).rejects.toThrow(/whole limit/);
    await expect(limiter.consume({ name: "bad", limit: 2, windowSeconds: 0.5 }, "x")).rejects.toThrow(/whole limit/);
  });
});

describe("enforceRateLimit", () => {
  afterAll(() => closeRateLimiters());

  it("throws rate_limited with retryAfterSeconds and a message naming the rule", async () => {
    const r: RateLimit = { name: "agent runs", limit: 3, windowSeconds: 60 };
    const user = `user-${randomUUID()}`;
    for (let i = 0; i < 3; i++) await enforceRateLimit(r, user);
    const err = await enforceRateLimit(r, user).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: "rate_limited", status: 429 });
    const { retryAfterSeconds, message } = err as AppError;
    expect(retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(message).toBe(`Too many agent runs; try again in ${retryAfterSeconds} s.`);
  });

  it("checks again after closeRateLimiters, reopening the backend on first use", async () => {
    await closeRateLimiters();
    const r = rule(1, 60);
    await expect(enforceRateLimit(r, "frank")).resolves.toBeUndefined();
    await expect(enforceRateLimit(r, "frank")).rejects.toMatchObject({ code: "rate_limited" });
  });
});
