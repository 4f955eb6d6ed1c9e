// lib/coordination on a real PostgreSQL (TEST_DATABASE_URL, else the local server; skipped without one):
// two coordinators in this process are two nodes to the server (each has its own sessions), and a child
// process is a node that can be killed -9 while it holds a lock.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { randomUUID } from "node:crypto";
import readline from "node:readline";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { PostgresCoordination } from "@/lib/coordination/postgres";
import { subscribeLocal } from "@/lib/coordination/pubsub";

const url = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

async function reachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

const available = await reachable();
const nodes: PostgresCoordination[] = [];
const children: ChildProcessWithoutNullStreams[] = [];

function node(onResync?: () => void): PostgresCoordination {
  const made = new PostgresCoordination(url, `test-${randomUUID().slice(0, 8)}`, onResync);
  nodes.push(made);
  return made;
}

/** A node in a process of its own; `send` writes a command, `next` resolves with its next line. */
function childNode() {
  const child = spawn(process.execPath, ["tests/support/coordination-node.mjs", url], { stdio: ["pipe", "pipe", "pipe"] });
  children.push(child);
  const lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    child,
    send: (line: string) => child.stdin.write(`${line}\n`),
    next: async () => String((await lines.next()).value),
  };
}

const key = () => `test:${randomUUID()}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await Promise.all(nodes.map((n) => n.close()));
});

describe.skipIf(!available)("coordination on PostgreSQL", () => {
  it("lets one node at a time hold a lock, and none after it is released", async () => {
    const [a, b] = [node(), node()];
    const k = key();
    const order: string[] = [];
    let inside = 0;
    let most = 0;
    const work = (name: string) => async () => {
      inside++;
      most = Math.max(most, inside);
      order.push(`${name} in`);
      await sleep(30);
      order.push(`${name} out`);
      inside--;
      return name;
    };
    const results = await Promise.all([a.withLock(k, false, work("a1")), b.withLock(k, false, work("b1")), a.withLock(k, false, work("a2")), b.withLock(k, false, work("b2"))]);
    expect(results).toEqual(["a1", "b1", "a2", "b2"]);
    expect(most).toBe(1);
    expect(order).toHaveLength(8);
    expect((await a.heldOf([k]))[0]).toBe(false);
  });

  it("keeps a lock through a failing holder's error and frees it after", async () => {
    const [a, b] = [node(), node()];
    const k = key();
    await expect(a.withLock(k, false, async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await b.withLock(k, false, async () => "next")).toBe("next");
  });

  it("frees the lock of a node killed -9 while holding it; the waiting node goes on", async () => {
    const k = key();
    const holder = childNode();
    holder.send(`lock ${k}`);
    expect(await holder.next()).toBe(`locked ${k}`);
    const b = node();
    expect((await b.heldOf([k]))[0]).toBe(true);
    let got = false;
    const waiting = b.withLock(k, false, async () => (got = true));
    await sleep(300);
    expect(got).toBe(false);
    holder.child.kill("SIGKILL");
    const started = Date.now();
    await waiting;
    expect(got).toBe(true);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("aborts a holder's signal when its lock's connection is lost, and lets the next node in", async () => {
    const [a, b] = [node(), node()];
    const k = key();
    let release = () => undefined as void;
    let signal: AbortSignal | undefined;
    const holding = a.withLock(k, false, async (held) => {
      signal = held;
      await new Promise<void>((resolve) => (release = resolve));
      return held.aborted;
    });
    await expect.poll(() => signal !== undefined).toBe(true);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND objid = (hashtextextended($1, 0) & 4294967295)::oid", [k]);
    await admin.end();
    await expect.poll(() => signal?.aborted, { timeout: 5_000 }).toBe(true);
    expect(await b.withLock(k, false, async () => "b got in")).toBe("b got in");
    release();
    expect(await holding).toBe(true);
  });

  it("never deadlocks a node whose every lock session is held by a lock waiting on a nested one", async () => {
    const a = node();
    const outer = Array.from({ length: 33 }, () => key());
    const inner = key();
    const done = await Promise.all(outer.map((k) => a.withLock(k, false, () => a.withLock(`${inner}-${k}`, true, async () => k))));
    expect(done).toEqual(outer);
  });

  it("gives a lease to one node only, all keys or none, until it is released or its node dies", async () => {
    const [a, b] = [node(), node()];
    const [k1, k2] = [key(), key()];
    const lease = await a.tryLease([k1, k2]);
    expect(lease).not.toBeNull();
    expect(await b.tryLease([k1])).toBeNull();
    expect(await b.heldOf([k2, k1, key()])).toEqual([true, true, false]);
    const other = key();
    expect(await b.tryLease([other, k2])).toBeNull();
    expect((await a.heldOf([other]))[0]).toBe(false); // the refused lease took none of its keys
    await lease?.release();
    expect((await b.heldOf([k1]))[0]).toBe(false);

    const child = childNode();
    const k3 = key();
    child.send(`lease ${k3}`);
    expect(await child.next()).toBe(`leased ${k3}`);
    expect(await b.tryLease([k3])).toBeNull();
    child.child.kill("SIGKILL");
    await expect.poll(async () => (await b.heldOf([k3]))[0], { timeout: 10_000 }).toBe(false);
  });

  it("aborts a lease's `lost` signal when its connection is cut", async () => {
    const a = node();
    const k = key();
    const lease = await a.tryLease([k]);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND objid = (hashtextextended($1, 0) & 4294967295)::oid", [k]);
    await admin.end();
    await expect.poll(() => lease?.lost.aborted, { timeout: 5_000 }).toBe(true);
  });

  it("carries a message to the other nodes' subscribers, not back to its sender's", async () => {
    const [a, b] = [node(), node()];
    await Promise.all([a.listen(), b.listen()]);
    const heard: { data: unknown; origin: string }[] = [];
    const stop = subscribeLocal("cache.forget", (data, origin) => heard.push({ data, origin }));
    try {
      const marker = randomUUID();
      await a.publish("cache.forget", { cache: "test", key: marker });
      await expect.poll(() => heard.filter((h) => (h.data as { key: string }).key === marker)).toEqual([{ data: { cache: "test", key: marker }, origin: "remote" }]);
      await sleep(100);
      // b heard it once (as remote); a's own listener ignored it
      expect(heard.filter((h) => (h.data as { key: string }).key === marker)).toHaveLength(1);
      await a.publish("cache.forget", { cache: "test", key: "x".repeat(9_000) }); // over NOTIFY's limit: dropped, no error
    } finally {
      stop();
    }
  });

  it("tells resync handlers when the listening connection came back", async () => {
    let resynced = 0;
    const a = node(() => resynced++);
    await a.listen();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1", [`myco listen ${a.nodeId}`.slice(0, 63)]);
    await admin.end();
    await expect.poll(() => resynced, { timeout: 10_000 }).toBe(1);
    const b = node();
    const heard: unknown[] = [];
    const stop = subscribeLocal("cache.forget", (data) => heard.push(data));
    await b.publish("cache.forget", { cache: "after", key: "resync" });
    await expect.poll(() => heard.length).toBeGreaterThanOrEqual(1);
    stop();
  });
});
