// The supervisor's side: runner crashes, a wedged runner killed at wall time + slack, per-tenant
// concurrency, shutdown and respawn.
import { afterAll, describe, expect, it } from "vitest";
import { invokeFunction, runnerPid, runtimeStats, shutdownRuntime, type Capabilities } from "@/lib/functions/runtime";
import { ECHO, expectHealthy, functionSource, lagMonitor, memoryCapabilities, request } from "@/tests/support/function-scripts";

afterAll(() => shutdownRuntime());

const SLOW_QUERY = functionSource(`async function handler(req, ctx) { return await ctx.db.query("SELECT * FROM items", []); }`);

/** Capabilities whose dbQuery answers only after `ms` (a slow database), so calls stay in flight. */
function slowCapabilities(ms: number): Capabilities {
  return { ...memoryCapabilities(), dbQuery: () => new Promise((resolve) => setTimeout(() => resolve(["slow"]), ms)) };
}

async function waitFor(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error("condition not reached");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe("runner failures", () => {
  it("answers crashed when the runner is SIGKILLed mid-call, and the next call gets a new runner", async () => {
    await invokeFunction("killed", ECHO, request(), memoryCapabilities());
    const pid = runnerPid("killed");
    expect(pid).toBeGreaterThan(0);
    let queried = false;
    const caps = { ...slowCapabilities(5_000), dbQuery: () => ((queried = true), new Promise<unknown>(() => undefined)) };
    const pending = invokeFunction("killed", SLOW_QUERY, request(), caps);
    await waitFor(() => queried);
    process.kill(pid ?? 0, "SIGKILL");
    expect(await pending).toMatchObject({ ok: false, error: { code: "crashed" } });
    await expectHealthy("killed");
    expect(runnerPid("killed")).not.toBe(pid);
  });

  it("SIGKILLs a runner that stops answering at wall time + slack, and answers timeout", async () => {
    await invokeFunction("wedged", ECHO, request(), memoryCapabilities());
    const pid = runnerPid("wedged") ?? 0;
    const lag = lagMonitor();
    const pending = invokeFunction("wedged", ECHO, request(), memoryCapabilities(), { wallMs: 300 });
    process.kill(pid, "SIGSTOP"); // frozen: neither its watchdog nor anything else in it runs
    const result = await pending;
    expect(lag.stop().maxGapMs).toBeLessThan(250);
    expect(result).toMatchObject({ ok: false, error: { code: "timeout" } });
    expect(result.wallMs).toBeGreaterThanOrEqual(300);
    expect(result.wallMs).toBeLessThan(1_000);
    await waitFor(() => {
      try {
        process.kill(pid, 0);
        return false;
      } catch {
        return true; // gone
      }
    });
    await expectHealthy("wedged");
  });
});

describe("concurrency", () => {
  it("queues up to 2× maxConcurrent, refuses the rest at once, and keeps other tenants answering", async () => {
    const limits = { maxConcurrent: 2 };
    const caps = slowCapabilities(600);
    let floodDone = false;
    const flood = Promise.all(Array.from({ length: 20 }, () => invokeFunction("flooded", SLOW_QUERY, request(), caps, limits)));
    void flood.then(() => (floodDone = true));
    const bystander = await invokeFunction("calm", ECHO, request({ query: { q: "calm" } }), memoryCapabilities());
    expect(bystander).toMatchObject({ ok: true, body: { echo: "calm" } });
    expect(floodDone, "the bystander answered while the flood was still running").toBe(false);
    const results = await flood;
    const codes = results.map((r) => (r.ok ? "ok" : r.error.code));
    expect(codes.filter((c) => c === "ok")).toHaveLength(6);
    expect(codes.filter((c) => c === "concurrency_limit")).toHaveLength(14);
    const refused = results.find((r) => !r.ok);
    expect(refused?.wallMs).toBeLessThan(50);
  });

  it("answers concurrency_limit for a call that waited a whole wall time for a slot", async () => {
    const limits = { maxConcurrent: 1, wallMs: 1_000 };
    const first = invokeFunction("queued", SLOW_QUERY, request(), slowCapabilities(1_100), { maxConcurrent: 1, wallMs: 2_000 });
    const second = await invokeFunction("queued", ECHO, request(), memoryCapabilities(), limits);
    expect(second).toMatchObject({ ok: false, error: { code: "concurrency_limit" } });
    expect(second.wallMs).toBeGreaterThanOrEqual(1_000);
    expect(await first).toMatchObject({ ok: true });
  });

  it("runs a tenant's calls in parallel, each in its own isolate", async () => {
    const sleeper = functionSource(`async function handler() { await new Promise((r) => setTimeout(r, 300)); return 1; }`);
    await invokeFunction("parallel", sleeper, request(), memoryCapabilities());
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: 4 }, () => invokeFunction("parallel", sleeper, request(), memoryCapabilities())));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(Date.now() - started).toBeLessThan(900);
  });
});

describe("shutdown", () => {
  it("kills every runner and respawns lazily afterwards", async () => {
    await Promise.all(["one", "two"].map((t) => invokeFunction(t, ECHO, request(), memoryCapabilities())));
    expect(runtimeStats().runners).toBeGreaterThanOrEqual(2);
    await shutdownRuntime();
    expect(runtimeStats()).toMatchObject({ runners: 0, isolates: 0 });
    expect(await invokeFunction("one", ECHO, request(), memoryCapabilities())).toMatchObject({ ok: true, cold: true });
  });
});
