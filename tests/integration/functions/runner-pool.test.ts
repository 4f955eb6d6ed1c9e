// The pool of pre-forked runners with real processes: a new tenant's first call lands on a spare
// forked before it, a runner serves one tenant for its whole life, the pool refills, and shutdown
// kills the spares too. (A pool of 0 is in runner-pool-off.test.ts: the size is read once per process.)
import { afterAll, describe, expect, it, vi } from "vitest";
import { invokeFunction, runnerPid, runtimeStats, shutdownRuntime, spareRunnerPids, warmRunnerPool } from "@/lib/functions/runtime";
import { ECHO, memoryCapabilities, request } from "@/tests/support/function-scripts";

vi.hoisted(() => {
  // Read once, on first use of the configuration, which is after this.
  process.env.MYCO_FUNCTION_RUNNER_POOL = "2";
});

afterAll(() => shutdownRuntime());

const POOL = 2;

async function waitFor(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error("condition not reached");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Warms the pool and resolves with its spares' pids once it is full. */
async function fullPool(): Promise<number[]> {
  warmRunnerPool();
  await waitFor(() => spareRunnerPids().length === POOL);
  return spareRunnerPids();
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function firstCall(tenant: string): Promise<number> {
  expect(await invokeFunction(tenant, ECHO, request({ query: { q: tenant } }), memoryCapabilities())).toMatchObject({ ok: true, body: { echo: tenant } });
  const pid = runnerPid(tenant);
  expect(pid).toBeGreaterThan(0);
  return pid ?? 0;
}

describe("runner pool", () => {
  it("serves a new tenant's first call with a runner forked before the call", async () => {
    const spares = await fullPool();
    expect(spares.every(isAlive)).toBe(true);
    const pid = await firstCall("pooled");
    expect(spares).toContain(pid);
    expect(spareRunnerPids()).not.toContain(pid);
  });

  it("never lets two tenants share a runner, even when they arrive together", async () => {
    await fullPool();
    const tenants = ["together-a", "together-b", "together-c"];
    const pids = await Promise.all(tenants.map(firstCall));
    expect(new Set(pids).size).toBe(tenants.length);
  });

  it("never gives a runner that served one tenant to another after the first one's runner is gone", async () => {
    await fullPool();
    const used = await firstCall("first-owner");
    process.kill(used, "SIGKILL");
    await waitFor(() => !isAlive(used) && runnerPid("first-owner") === undefined);
    const spares = await fullPool();
    expect(spares).not.toContain(used);
    const next = await firstCall("second-owner");
    expect(next).not.toBe(used);
    const again = await firstCall("first-owner");
    expect([used, next]).not.toContain(again);
  });

  it("refills after being drained, with fresh processes", async () => {
    const drained = await fullPool();
    const served = await Promise.all(["drain-a", "drain-b", "drain-c"].map(firstCall));
    expect(served.filter((pid) => drained.includes(pid))).toHaveLength(POOL);
    const refilled = await fullPool();
    expect(refilled.filter((pid) => served.includes(pid) || drained.includes(pid))).toEqual([]);
    expect(runtimeStats().spares).toBe(POOL);
  });

  it("is one pool per process: a second copy of the module, as Next loads for instrumentation and for routes, serves from the spares the first warmed", async () => {
    const spares = await fullPool();
    vi.resetModules();
    const copy = await import("@/lib/functions/runtime");
    expect(copy.warmRunnerPool).not.toBe(warmRunnerPool);
    expect(copy.spareRunnerPids()).toEqual(spares);
    expect(await copy.invokeFunction("second-copy", ECHO, request({ query: { q: "copy" } }), memoryCapabilities())).toMatchObject({ ok: true });
    expect(spares).toContain(copy.runnerPid("second-copy"));
    expect(runnerPid("second-copy")).toBe(copy.runnerPid("second-copy"));
    expect(copy.runtimeStats()).toEqual(runtimeStats());
  });

  it("kills the spares on shutdown and forks none until the runtime is used again", async () => {
    const spares = await fullPool();
    await shutdownRuntime();
    expect(spares.some(isAlive)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(runtimeStats()).toMatchObject({ runners: 0, spares: 0 });
    await firstCall("after-shutdown");
    await waitFor(() => spareRunnerPids().length === POOL);
  });
});
