import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { getConfig } from "@/lib/config";
import { invokeFunction, runtimeStats, shutdownRuntime, type Capabilities } from "@/lib/functions";
import { spareRunnerPids, warmRunnerPool } from "@/lib/functions/runtime";
import { percentile, report, time } from "./measure";

// The same handler everywhere: what `functions/hello.ts` compiles to.
const HELLO = `var __mycoFunction = (() => ({ default: async (req) => ({ message: "Hello, " + (req.query.name ?? "world") + "!" }) }))();`;
const request = { method: "GET", path: "/", query: {}, headers: {}, body: null };
const caps: Capabilities = {
  dbQuery: async () => [],
  dbExec: async () => ({}),
  fetch: async () => ({ status: 200, headers: {}, body: "" }),
  env: {},
};
const source = (tag: string) => ({ versionKey: `bench-${tag}`, script: `${HELLO}\n// ${tag}` });

afterAll(() => shutdownRuntime());

function spawnNode(): Promise<void> {
  const program = `${HELLO}; __mycoFunction.default({ query: {} }).then((r) => process.stdout.write(JSON.stringify(r)));`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", program], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.on("exit", (code) => (code === 0 && out.includes("Hello") ? resolve() : reject(new Error(`node exited ${code}`))));
  });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Resolves once the pool holds MYCO_FUNCTION_RUNNER_POOL ready spares, and the last one forked has
 * settled (a server's new tenants arrive at any time, rarely within ms of a spare starting).
 */
async function poolFull(): Promise<void> {
  warmRunnerPool();
  while (spareRunnerPids().length < getConfig().functionRunnerPool) await pause(5);
  await pause(100);
}

describe("function runtime", () => {
  it("cold start, warm invocation and a Node child process per call", async () => {
    const cold: number[] = [];
    for (let i = 0; i < 20; i++) {
      // One new tenant at a time, each once the pool has refilled: the first call of a project that
      // arrives while spares are ready, which is what the pool is sized for.
      await poolFull();
      const tenant = `bench-cold-${randomUUID()}`;
      cold.push(await time(async () => expect((await invokeFunction(tenant, source("cold"), request, caps)).ok).toBe(true)));
    }
    const tenant = `bench-warm-${randomUUID()}`;
    const newVersion: number[] = [];
    await invokeFunction(tenant, source("v0"), request, caps);
    await poolFull(); // the spare this tenant took is replaced before measuring, not during
    for (let i = 1; i <= 10; i++) newVersion.push(await time(() => invokeFunction(tenant, source(`v${i}`), request, caps)));
    const warm: number[] = [];
    for (let i = 0; i < 50; i++) await invokeFunction(tenant, source("v1"), request, caps);
    for (let i = 0; i < 1000; i++) warm.push(await time(() => invokeFunction(tenant, source("v1"), request, caps)));
    const node: number[] = [];
    for (let i = 0; i < 20; i++) node.push(await time(spawnNode));
    const coldName = `function cold start (new tenant, sequential, pool of ${getConfig().functionRunnerPool} refilled between samples: spare runner + compile + run)`;
    report(coldName, { p50_ms: percentile(cold, 50), max_ms: Math.max(...cold), runs: cold.length });
    report("function first call of a new version (warm runner)", { p50_ms: percentile(newVersion, 50), p99_ms: percentile(newVersion, 99), runs: newVersion.length });
    report("function warm invocation", { p50_ms: percentile(warm, 50), p99_ms: percentile(warm, 99), runs: warm.length });
    report("node child process per call (same handler)", { p50_ms: percentile(node, 50), p99_ms: percentile(node, 99), runs: node.length });
    report("cold start speed-up (node child process p50 / cold start p50)", { ratio: percentile(node, 50) / percentile(cold, 50) });
  });

  it("memory per warm isolate", async () => {
    const tenant = `bench-mem-${randomUUID()}`;
    await invokeFunction(tenant, source("m0"), request, caps);
    const before = runtimeStats();
    const versions = 40;
    for (let i = 1; i <= versions; i++) await invokeFunction(tenant, source(`m${i}`), request, caps);
    const after = runtimeStats();
    report("memory per warm isolate", {
      isolates_added: after.isolates - before.isolates,
      rss_delta_mib: ((after.rssBytes ?? 0) - (before.rssBytes ?? 0)) / 2 ** 20,
      per_isolate_mib: ((after.rssBytes ?? 0) - (before.rssBytes ?? 0)) / 2 ** 20 / Math.max(1, after.isolates - before.isolates),
      runners: after.runners,
    });
  });
});
