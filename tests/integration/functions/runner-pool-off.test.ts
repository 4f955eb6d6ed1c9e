// MYCO_FUNCTION_RUNNER_POOL=0: no spares, each tenant's runner spawned on its first call, as before the pool.
import { afterAll, expect, it, vi } from "vitest";
import { invokeFunction, runnerPid, runtimeStats, shutdownRuntime, spareRunnerPids, warmRunnerPool } from "@/lib/functions/runtime";
import { ECHO, memoryCapabilities, request } from "@/tests/support/function-scripts";

vi.hoisted(() => {
  // Read once, on first use of the configuration, which is after this.
  process.env.MYCO_FUNCTION_RUNNER_POOL = "0";
});

afterAll(() => shutdownRuntime());

it("spawns each tenant's runner on demand and forks no spares", async () => {
  warmRunnerPool();
  const results = await Promise.all(["off-a", "off-b"].map((t) => invokeFunction(t, ECHO, request({ query: { q: t } }), memoryCapabilities())));
  expect(results).toMatchObject([{ ok: true, cold: true, body: { echo: "off-a" } }, { ok: true, cold: true, body: { echo: "off-b" } }]);
  expect(runnerPid("off-a")).not.toBe(runnerPid("off-b"));
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(spareRunnerPids()).toEqual([]);
  expect(runtimeStats()).toMatchObject({ runners: 2, spares: 0 });
});
