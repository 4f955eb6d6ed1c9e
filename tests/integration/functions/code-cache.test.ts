// V8 code caches with real isolates and runners: a second isolate compiling the same source consumes
// what the first produced; the supervisor keeps a runner's cache for that tenant and source only.
import ivm from "isolated-vm";
import { afterAll, expect, it, vi } from "vitest";
import { invokeFunction, runnerPid, shutdownRuntime } from "@/lib/functions/runtime";
import { compileCached, exportCache, importCache, type CodeCache } from "@/lib/functions/runner/code-cache";
import { findCodeCache, storeCodeCache } from "@/lib/functions/tenant-code-caches";
import { ECHO, memoryCapabilities, request } from "@/tests/support/function-scripts";

afterAll(() => shutdownRuntime());

const SOURCE = `var __mycoFunction = (() => ({ default: (n) => n * 2 }))(); __mycoFunction.default(21);`;

async function runIn(cache: CodeCache): Promise<unknown> {
  const isolate = new ivm.Isolate({ memoryLimit: 16 });
  try {
    const script = await compileCached(isolate, SOURCE, "function.js", cache);
    return await script.run(await isolate.createContext());
  } finally {
    isolate.dispose();
  }
}

it("fills the cache on a first compile and reuses it, unchanged, in a new isolate", async () => {
  const cache: CodeCache = {};
  expect(await runIn(cache)).toBe(42);
  const produced = cache.data;
  expect(produced).toBeDefined();
  expect(await runIn(cache)).toBe(42);
  expect(cache.data, "V8 accepted the cached data").toBe(produced);
  const travelled: CodeCache = { data: importCache(exportCache(produced as ivm.ExternalCopy<ArrayBuffer>) ?? "") };
  const before = travelled.data;
  expect(await runIn(travelled)).toBe(42);
  expect(travelled.data, "V8 accepted it after a round trip through the supervisor (base64)").toBe(before);
});

it("keeps a runner's cache for its own tenant and that exact source, and the tenant's next runner answers with it", async () => {
  expect(await invokeFunction("cache-owner", ECHO, request({ query: { q: "1" } }), memoryCapabilities())).toMatchObject({ ok: true });
  // The runner sends the cache after its answer.
  await vi.waitFor(() => expect(findCodeCache("cache-owner", ECHO.script)).toEqual(expect.any(String)));
  expect(findCodeCache("cache-other", ECHO.script)).toBeUndefined();
  expect(findCodeCache("cache-owner", `${ECHO.script} `)).toBeUndefined();
  const pid = runnerPid("cache-owner") ?? 0;
  process.kill(pid, "SIGKILL");
  while (runnerPid("cache-owner") === pid) await new Promise((resolve) => setTimeout(resolve, 10));
  const again = await invokeFunction("cache-owner", ECHO, request({ query: { q: "2" } }), memoryCapabilities());
  expect(again).toMatchObject({ ok: true, cold: true, body: { echo: "2" } });
  expect(runnerPid("cache-owner")).not.toBe(pid);
});

it("compiles from source when the cached data it is given is not V8's", async () => {
  storeCodeCache("cache-garbage", ECHO.script, Buffer.from("not a code cache").toString("base64"));
  const result = await invokeFunction("cache-garbage", ECHO, request({ query: { q: "ok" } }), memoryCapabilities());
  expect(result).toMatchObject({ ok: true, body: { echo: "ok" } });
});
