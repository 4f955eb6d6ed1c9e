// Resource attacks against the function runtime: each ends with its limit's code, the host's
// event loop keeps ticking, and the tenant and a bystander both run benign calls afterwards.
import { afterAll, describe, expect, it } from "vitest";
import { invokeFunction, runtimeStats, shutdownRuntime, type FunctionLimits, type InvokeResult } from "@/lib/functions/runtime";
import { expectHealthy, functionSource, lagMonitor, memoryCapabilities, request } from "@/tests/support/function-scripts";

const TENANT = "limits-tenant";
// The runner's whole budget: its own heap, ~1 MB per idle isolate, and one 64 MB isolate at a time here.
const MAX_RUNNER_RSS_BYTES = 400 * 1024 * 1024;

afterAll(() => shutdownRuntime());

async function hostile(handler: string, limits?: Partial<FunctionLimits>, prelude = ""): Promise<InvokeResult> {
  const lag = lagMonitor();
  const result = await invokeFunction(TENANT, functionSource(handler, prelude), request(), memoryCapabilities(), limits);
  const { maxGapMs, ticks } = lag.stop();
  expect(maxGapMs, "the host event loop kept ticking").toBeLessThan(250);
  expect(ticks).toBeGreaterThanOrEqual(Math.floor(result.wallMs / 40));
  if (process.env.SHOW_RESULTS) console.log(JSON.stringify({ ...result, logs: result.logs.length }).slice(0, 300), runtimeStats());
  await expectHealthy(TENANT);
  return result;
}

describe("CPU and wall time", () => {
  it("stops an infinite loop before any await with cpu_limit", async () => {
    const result = await hostile(`function handler() { for (;;) {} }`);
    expect(result).toMatchObject({ ok: false, error: { code: "cpu_limit" } });
    expect(result.wallMs).toBeLessThan(2_000);
  });

  it("stops an infinite loop in the script's top level with cpu_limit", async () => {
    const result = await hostile(`function handler() { return 1; }`, { cpuMs: 200 }, `for (;;) {}`);
    expect(result).toMatchObject({ ok: false, error: { code: "cpu_limit" } });
  });

  it("stops an infinite loop after an await with cpu_limit, through the watchdog", async () => {
    const result = await hostile(`async function handler(req, ctx) { await ctx.db.query("SELECT * FROM items", []); for (;;) {} }`, {
      cpuMs: 300,
    });
    expect(result).toMatchObject({ ok: false, error: { code: "cpu_limit" } });
    expect(result.cpuMs).toBeGreaterThanOrEqual(300);
    expect(result.wallMs).toBeLessThan(1_500);
  });

  it("ends a never-settling promise with timeout at wall time", async () => {
    const result = await hostile(`function handler() { return new Promise(() => {}); }`, { wallMs: 600 });
    expect(result).toMatchObject({ ok: false, error: { code: "timeout" } });
    expect(result.wallMs).toBeGreaterThanOrEqual(600);
    expect(result.wallMs).toBeLessThan(1_500);
  });

  it("stops an endless microtask storm with cpu_limit and completes a finite one", async () => {
    const endless = await hostile(`async function handler() { for (;;) await null; }`, { cpuMs: 300 });
    expect(endless).toMatchObject({ ok: false, error: { code: "cpu_limit" } });
    const finite = await hostile(`async function handler() { let n = 0; while (n < 1_000_000) { n++; await null; } return n; }`);
    expect(finite).toMatchObject({ ok: true, body: 1_000_000 });
  });

  it("stops work left running after the response, and charges it to the invocation", async () => {
    const result = await hostile(`function handler() { (async () => { for (;;) await null; })(); return "answered"; }`, { cpuMs: 300 });
    expect(result).toMatchObject({ ok: false, error: { code: "cpu_limit" } });
  });

  it("stops an uninterruptible BigInt computation and keeps serving", async () => {
    const result = await hostile(`function handler() { let x = 3n; for (;;) x = x * x; }`, { cpuMs: 200 });
    expect(["cpu_limit", "memory_limit"]).toContain(result.ok ? "ok" : result.error.code);
  });
});

describe("memory", () => {
  it("stops a heap bomb with memory_limit", async () => {
    const result = await hostile(`function handler() { const keep = []; for (;;) keep.push({ a: Math.random(), b: [1, 2, 3] }); }`, {
      cpuMs: 5_000,
    });
    expect(result).toMatchObject({ ok: false, error: { code: "memory_limit" } });
  });

  it("refuses ArrayBuffers beyond the limit (memory_limit) and keeps the runner's RSS bounded", async () => {
    const big = await hostile(`function handler() { const keep = []; for (let i = 0; i < 100; i++) keep.push(new ArrayBuffer(100 * 1024 * 1024)); return keep.length; }`);
    expect(big).toMatchObject({ ok: false, error: { code: "memory_limit" } });
    const many = await hostile(`function handler() { const keep = []; for (let i = 0; i < 1000; i++) keep.push(new Uint8Array(16 * 1024 * 1024).fill(1)); return keep.length; }`);
    expect(many).toMatchObject({ ok: false, error: { code: "memory_limit" } });
    const caught = await hostile(
      `function handler() { const keep = []; let refused = 0; for (let i = 0; i < 200; i++) { try { keep.push(new ArrayBuffer(8 * 1024 * 1024)); } catch { refused++; } } return { kept: keep.length, refused }; }`,
    );
    if (caught.ok) expect((caught.body as { kept: number }).kept * 8).toBeLessThanOrEqual(64 + 8);
    else expect(["memory_limit", "cpu_limit"]).toContain(caught.error.code);
    expect(runtimeStats().rssBytes ?? 0).toBeLessThan(MAX_RUNNER_RSS_BYTES);
  });

  it("answers runtime_error for a stack overflow", async () => {
    const result = await hostile(`function handler() { const f = (n) => f(n + 1) + 1; return f(0); }`);
    expect(result).toMatchObject({ ok: false, error: { code: "runtime_error", message: "RangeError: Maximum call stack size exceeded" } });
  });
});

describe("output", () => {
  it("answers response_too_large for a 50 MB response, a string or an aliased object", async () => {
    const text = await hostile(`function handler() { return "x".repeat(50 * 1024 * 1024); }`);
    expect(text).toMatchObject({ ok: false, error: { code: "response_too_large" } });
    const aliased = await hostile(`function handler() { const s = "y".repeat(10 * 1024); return Array.from({ length: 5_000 }, () => s); }`);
    expect(aliased).toMatchObject({ ok: false, error: { code: "response_too_large" } });
    const shaped = await hostile(`function handler() { return { status: 200, body: "z".repeat(2 * 1024 * 1024) }; }`);
    expect(shaped).toMatchObject({ ok: false, error: { code: "response_too_large" } });
  });

  it("answers a response just under the limit", async () => {
    const result = await hostile(`function handler() { return "x".repeat(1024 * 1024 - 2); }`);
    expect(result.ok).toBe(true);
  });

  it("truncates a log flood with a marker and otherwise answers normally", async () => {
    const result = await hostile(`function handler() { for (let i = 0; i < 200_000; i++) console.log("line", i, "x".repeat(100)); return "done"; }`);
    expect(result).toMatchObject({ ok: true, body: "done", logsTruncated: true });
    const bytes = result.logs.reduce((sum, line) => sum + Buffer.byteLength(line.message), 0);
    expect(bytes).toBeLessThanOrEqual(64 * 1024);
    expect(result.logs.at(-1)?.message).toMatch(/truncated/);
  });
});
