import { spawn } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import net from "node:net";
import { Redis as UpstashRedis } from "@upstash/redis";
import { Redis as IORedis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RateLimit } from "@/lib/security";
import { ioredisRequester } from "@/lib/security/ioredis-requester";
import { createRateLimiter, redisKeyPrefix, type RateLimiter } from "@/lib/security/rate-limit";

// The shared backend on a real Redis (REDIS_URL mode: @upstash/ratelimit's Lua over the ioredis
// requester). CI sets TEST_REDIS_URL=redis://127.0.0.1:6379; without it these tests are skipped.
// Every test uses its own rule names and deletes its keys afterwards.
const url = process.env.TEST_REDIS_URL;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!url)("Redis rate limiter", () => {
  let admin: IORedis;
  let limiter: RateLimiter;
  const patterns: string[] = [];

  const rule = (limit: number, windowSeconds: number): RateLimit => {
    const r = { name: `test runs ${randomUUID()}`, limit, windowSeconds };
    patterns.push(`${redisKeyPrefix(r)}:*`);
    return r;
  };

  // The sliding window weighs the previous fixed window in; starting well inside a window keeps the
  // first `limit` attempts in one window, so the counts below are exact.
  const startOfWindow = async (windowSeconds: number) => {
    const left = windowSeconds * 1000 - (Date.now() % (windowSeconds * 1000));
    if (left < 500) await sleep(left + 20);
  };

  beforeAll(() => {
    admin = new IORedis(url ?? "", { lazyConnect: true });
    limiter = createRateLimiter({ kind: "redis", url: url ?? "" });
  });

  afterEach(async () => {
    for (const match of patterns.splice(0)) {
      const keys: string[] = [];
      for await (const batch of admin.scanStream({ match, count: 1000 })) keys.push(...(batch as string[]));
      if (keys.length) await admin.del(...keys);
    }
  });

  afterAll(async () => {
    await limiter.close();
    await admin.quit();
  });

  it("allows `limit` attempts, then refuses with a whole Retry-After within the window", async () => {
    const r = rule(3, 60);
    await startOfWindow(60);
    for (let i = 0; i < 3; i++) expect(await limiter.consume(r, "user-1")).toMatchObject({ allowed: true, limit: 3 });
    for (let i = 0; i < 2; i++) {
      // The second refusal is answered from the limiter's in-process block cache, with the same reset.
      const refused = await limiter.consume(r, "user-1");
      expect(refused.allowed).toBe(false);
      if (refused.allowed) return;
      expect(Number.isInteger(refused.retryAfterSeconds)).toBe(true);
      expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    }
  });

  it("keeps its counters in Redis, where they are visible and expire", async () => {
    const r = rule(3, 60);
    await startOfWindow(60);
    await limiter.consume(r, "user-2");
    const keys = await admin.keys(`${redisKeyPrefix(r)}:*`);
    expect(keys).toHaveLength(1);
    expect(await admin.get(keys[0] ?? "")).toBe("1");
    expect(await admin.pttl(keys[0] ?? "")).toBeGreaterThan(60_000);
  });

  it("counts each key separately", async () => {
    const r = rule(2, 60);
    await startOfWindow(60);
    await limiter.consume(r, "alice");
    await limiter.consume(r, "alice");
    expect(await limiter.consume(r, "alice")).toMatchObject({ allowed: false });
    expect(await limiter.consume(r, "bob")).toMatchObject({ allowed: true });
  });

  it("shares counters between limiters, as between Myco nodes", async () => {
    const r = rule(2, 60);
    const other = createRateLimiter({ kind: "redis", url: url ?? "" });
    try {
      await startOfWindow(60);
      expect(await limiter.consume(r, "carol")).toMatchObject({ allowed: true });
      expect(await other.consume(r, "carol")).toMatchObject({ allowed: true });
      expect(await limiter.consume(r, "carol")).toMatchObject({ allowed: false });
      expect(await other.consume(r, "carol")).toMatchObject({ allowed: false });
    } finally {
      await other.close();
    }
  });

  it("allows attempts again once the window has passed", async () => {
    const r = rule(2, 1);
    await startOfWindow(1);
    await limiter.consume(r, "dave");
    await limiter.consume(r, "dave");
    expect(await limiter.consume(r, "dave")).toEqual({ allowed: false, limit: 2, remaining: 0, retryAfterSeconds: 1 });
    // Two windows later the previous window is empty too, so the sliding count is zero.
    await sleep(2_100);
    expect(await limiter.consume(r, "dave")).toMatchObject({ allowed: true });
  });
});

describe.skipIf(!url)("ioredis requester", () => {
  let io: IORedis;
  let redis: UpstashRedis;
  const key = `myco:test:requester:${randomUUID()}`;

  beforeAll(() => {
    io = new IORedis(url ?? "", { lazyConnect: true });
    redis = new UpstashRedis(ioredisRequester(io));
  });

  afterAll(async () => {
    await io.del(key);
    await io.quit();
  });

  it("runs scripts carrying Upstash's allow-key-locking shebang, by EVAL and then by the original SHA", async () => {
    const script = `#!lua flags=allow-key-locking\nreturn ARGV[1] .. "${randomUUID()}"`;
    const sha = createHash("sha1").update(script).digest("hex");
    await expect(redis.evalsha(sha, [], ["a"])).rejects.toThrow(/NOSCRIPT/);
    expect(await redis.eval(script, [], ["b"])).toMatch(/^b/);
    expect(await redis.evalsha(sha, [], ["c"])).toMatch(/^c/);
  });

  it("runs pipelines and transactions, answering each command in order", async () => {
    expect(await redis.pipeline().set(key, 1).incr(key).exec()).toEqual(["OK", 2]);
    expect(await redis.multi().incr(key).get(key).exec()).toEqual([3, 3]);
  });

  it("passes a Redis error reply back as the command's error", async () => {
    await io.set(key, "not a number");
    await expect(redis.incr(key)).rejects.toThrow(/not an integer/);
    await expect(redis.pipeline().get(key).incr(key).exec()).rejects.toThrow(/not an integer/);
  });
});

describe("Redis rate limiter when Redis is down", () => {
  it("fails open: allows every attempt, promptly", async () => {
    // Nothing listens on port 1; needs no TEST_REDIS_URL.
    const down = createRateLimiter({ kind: "redis", url: "redis://127.0.0.1:1" });
    try {
      const r = { name: `test runs ${randomUUID()}`, limit: 1, windowSeconds: 60 };
      const started = Date.now();
      for (let i = 0; i < 3; i++) expect(await down.consume(r, "user-1")).toMatchObject({ allowed: true });
      // The first attempt waits for one refused connection; later ones skip Redis while it reconnects.
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      await down.close();
    }
  });

  it.skipIf(!url)("limits again once Redis comes back", async () => {
    const port = await freePort();
    const limiter = createRateLimiter({ kind: "redis", url: `redis://127.0.0.1:${port}` });
    const r = { name: `test runs ${randomUUID()}`, limit: 1, windowSeconds: 60 };
    // Nothing listens yet: allowed, counted nowhere.
    expect(await limiter.consume(r, "user-1")).toMatchObject({ allowed: true, limit: 1 });
    const server = spawn("redis-server", ["--port", String(port), "--save", "", "--appendonly", "no"], { stdio: "ignore" });
    server.once("error", () => undefined); // no redis-server binary: waitFor below fails with its own message
    try {
      await waitFor(async () => (await limiter.consume(r, "user-1")).allowed === false);
      expect(await limiter.consume(r, "user-1")).toMatchObject({ allowed: false });
    } finally {
      await limiter.close();
      server.kill();
    }
  });
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(100);
  }
}
