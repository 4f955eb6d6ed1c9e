// Latency and memory of the runtime, with generous bounds (2-core CI). RUNTIME_FIGURES=1 prints
// the figures docs/functions-runtime.md quotes.
import { afterAll, expect, it } from "vitest";
import { invokeFunction, runtimeStats, shutdownRuntime } from "@/lib/functions/runtime";
import { ECHO, functionSource, memoryCapabilities, request } from "@/tests/support/function-scripts";

afterAll(() => shutdownRuntime());

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;
}

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await run();
  return [value, performance.now() - started];
}

it("answers warm calls in milliseconds and keeps a runner and its idle isolates small", async () => {
  const caps = memoryCapabilities();
  await invokeFunction("perf-warmup", ECHO, request(), caps); // builds the runner script once per process
  const [cold, coldMs] = await timed(() => invokeFunction("perf", ECHO, request(), caps));
  expect(cold).toMatchObject({ ok: true, cold: true });
  const [, newVersionMs] = await timed(() => invokeFunction("perf", functionSource(`(req) => ({ v: 2, q: req.query })`), request(), caps));
  const warm: number[] = [];
  for (let i = 0; i < 200; i++) warm.push((await timed(() => invokeFunction("perf", ECHO, request({ query: { q: String(i) } }), caps)))[1]);
  warm.sort((a, b) => a - b);

  await shutdownRuntime();
  await invokeFunction("perf-mem", ECHO, request(), caps);
  const base = runtimeStats();
  const versions = 12;
  for (let i = 0; i < versions; i++) await invokeFunction("perf-mem", functionSource(`() => ${i}`), request(), caps);
  const loaded = runtimeStats();
  const perIsolateBytes = ((loaded.rssBytes ?? 0) - (base.rssBytes ?? 0)) / Math.max(1, loaded.isolates - base.isolates);
  const figures = {
    runnerColdStartMs: coldMs,
    firstCallNewVersionMs: newVersionMs,
    warmP50Ms: percentile(warm, 50),
    warmP99Ms: percentile(warm, 99),
    runnerRssMb: (base.rssBytes ?? 0) / 2 ** 20,
    perWarmIsolateMb: perIsolateBytes / 2 ** 20,
    isolates: loaded.isolates,
  };
  if (process.env.RUNTIME_FIGURES) process.stdout.write(`${JSON.stringify(figures, (_k, v: unknown) => (typeof v === "number" ? Math.round(v * 100) / 100 : v))}\n`);
  expect(figures.runnerColdStartMs).toBeLessThan(2_000);
  expect(figures.warmP50Ms).toBeLessThan(10);
  expect(figures.runnerRssMb).toBeLessThan(150);
  expect(figures.perWarmIsolateMb).toBeLessThan(8);
});
