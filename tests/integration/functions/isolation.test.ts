// Escape attempts against the function runtime: real runner processes and isolates, in-memory
// capabilities. Every case must end as an InvokeResult with the expected code, leave this
// process (the stand-in for the web server) untouched and responsive, and leave the tenant and a
// bystander tenant able to run benign calls.
import { types } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { invokeFunction, shutdownRuntime, type Capabilities, type InvokeResult } from "@/lib/functions/runtime";
import { expectHealthy, functionSource, lagMonitor, memoryCapabilities, request } from "@/tests/support/function-scripts";

const TENANT = "iso-tenant";
// Everything a function's global object holds: ECMAScript built-ins, the three the platform adds,
// and the tenant's own bundle. Pinned, so that a new global is a decision, not an accident.
const ISOLATE_GLOBALS = `Object Function Array Number parseFloat parseInt Infinity NaN undefined Boolean String Symbol Date
  Promise RegExp Error AggregateError EvalError RangeError ReferenceError SyntaxError TypeError URIError globalThis JSON Math Intl
  ArrayBuffer Uint8Array Int8Array Uint16Array Int16Array Uint32Array Int32Array Float32Array Float64Array Uint8ClampedArray
  BigUint64Array BigInt64Array DataView Map BigInt Set WeakMap WeakSet Proxy Reflect WeakRef decodeURI decodeURIComponent
  encodeURI encodeURIComponent escape unescape eval isFinite isNaN console setTimeout clearTimeout __mycoFunction`.split(/\s+/);

afterAll(() => shutdownRuntime());

/** Runs a hostile handler, then checks the host stayed responsive and both tenants still work. */
async function hostile(handler: string, capabilities: Capabilities = memoryCapabilities(), prelude = ""): Promise<InvokeResult> {
  const protoBefore = Object.getOwnPropertyNames(Object.prototype).join();
  const lag = lagMonitor();
  const result = await invokeFunction(TENANT, functionSource(handler, prelude), request(), capabilities);
  const { maxGapMs } = lag.stop();
  expect(maxGapMs, "the host event loop kept ticking").toBeLessThan(250);
  expect(Object.getOwnPropertyNames(Object.prototype).join()).toBe(protoBefore);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  await expectHealthy(TENANT);
  return result;
}

// Every way back to a Function constructor; each probe reports what that realm can see.
const CHAINS_HANDLER = `function handler(req, ctx) {
  const caller = String(handler.caller);
  return (async () => {
    let callerOfToJSON = "unset";
    const toJSON = function probe() { callerOfToJSON = String(probe.caller); return 1; };
    await ctx.db.query("SELECT * FROM items", [{ toJSON }]);
    const probes = {
      viaThis: this.constructor.constructor("return typeof process")(),
      viaError: new Error().constructor.constructor("return typeof require")(),
      viaFunction: Function("return typeof process")(),
      viaAsync: await (async function () {}).constructor("return typeof process")(),
      viaCapability: ctx.db.query.constructor("return typeof process")(),
      viaConsole: console.log.constructor("return typeof module")(),
      viaResult: (await ctx.db.query("SELECT * FROM items", [])).constructor.constructor("return typeof process")(),
      viaRequest: req.constructor.constructor("return typeof Buffer")(),
    };
    const g = ctx.fetch.constructor("return this")();
    return { probes, callers: [caller, callerOfToJSON], globals: Object.getOwnPropertyNames(g) };
  })();
}`;

describe("constructor chains", () => {
  it("reach only the isolate's own realm, which has no process, require or host object", async () => {
    const result = await hostile(CHAINS_HANDLER);
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;
    const body = result.body as { probes: Record<string, string>; callers: string[]; globals: string[] };
    expect(Object.keys(body.probes)).toHaveLength(8);
    expect(new Set(Object.values(body.probes))).toEqual(new Set(["undefined"]));
    expect(body.callers).toEqual(["null", "null"]);
    expect([...body.globals].sort()).toEqual([...ISOLATE_GLOBALS].sort());
  });

  it("answers runtime_error when a chain reaches for process", async () => {
    const result = await hostile(`function handler() { return this.constructor.constructor("return process")().env; }`);
    expect(result).toMatchObject({ ok: false, error: { code: "runtime_error", message: "ReferenceError: process is not defined" } });
  });
});

describe("modules and host APIs", () => {
  it("has no require, dynamic import, WebAssembly, SharedArrayBuffer or Atomics", async () => {
    const result = await hostile(`async function handler() {
      let imported;
      try { await import("fs"); imported = "loaded"; } catch (e) { imported = e.message; }
      return [typeof require, typeof process, typeof WebAssembly, typeof SharedArrayBuffer, typeof Atomics, typeof setInterval, imported];
    }`);
    expect(result).toMatchObject({ ok: true, body: ["undefined", "undefined", "undefined", "undefined", "undefined", "undefined", "Not supported"] });
  });

  it("answers runtime_error for an uncaught import() or require()", async () => {
    expect(await hostile(`async function handler() { return await import("child_process"); }`)).toMatchObject({
      ok: false,
      error: { code: "runtime_error", message: "Error: Not supported" },
    });
    expect(await hostile(`function handler() { return require("fs").readFileSync("/etc/passwd", "utf8"); }`)).toMatchObject({
      ok: false,
      error: { code: "runtime_error", message: "ReferenceError: require is not defined" },
    });
  });

  it("cannot build a WebAssembly memory bomb", async () => {
    const result = await hostile(`function handler() {
      const pages = []; for (let i = 0; i < 100; i++) pages.push(new WebAssembly.Memory({ initial: 65536 }));
      return pages.length;
    }`);
    expect(result).toMatchObject({ ok: false, error: { code: "runtime_error", message: "ReferenceError: WebAssembly is not defined" } });
  });
});

describe("values crossing the boundary", () => {
  it("copies arguments: prototype pollution in the isolate and in payloads never reaches the host", async () => {
    const received: unknown[][] = [];
    const capabilities = { ...memoryCapabilities(), dbQuery: async (_sql: string, params: unknown[]) => (received.push(params), [{ __proto__: { x: 1 } }]) };
    const result = await hostile(
      `async function handler(req, ctx) {
        Object.prototype.polluted = "yes";
        Array.prototype.polluted = "yes";
        const evil = JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}');
        const rows = await ctx.db.query("SELECT 1", [evil, { toJSON() { return { __proto__: { polluted: 1 } }; } }]);
        return { status: 200, headers: JSON.parse('{"__proto__": "x", "x-ok": "1"}'), body: JSON.parse('{"__proto__": {"polluted": "yes"}, "rows": 1}') };
      }`,
      capabilities,
    );
    expect(result.ok).toBe(true);
    const params = received[0] ?? [];
    expect(Array.isArray(params) && !types.isProxy(params)).toBe(true);
    expect(Object.getPrototypeOf(params[0])).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    if (result.ok) {
      expect(Object.getPrototypeOf(result.body)).toBe(Object.prototype);
      expect(Object.getPrototypeOf(result.headers)).toBe(Object.prototype);
      expect(result.headers["x-ok"]).toBe("1");
    }
  });

  it("runs Proxy traps only inside the isolate and hands the host plain copies", async () => {
    const received: unknown[] = [];
    const capabilities = {
      ...memoryCapabilities(),
      dbExec: async (sql: string, params: unknown[]) => (received.push(sql, params), { changes: 0 }),
    };
    const result = await hostile(
      `async function handler(req, ctx) {
        const seen = [];
        const trap = new Proxy([1, 2], { get(t, k, r) { seen.push(typeof k === "string" ? k : "symbol"); return Reflect.get(t, k, r); } });
        await ctx.db.exec("UPDATE items SET done = ? WHERE id = ?", trap);
        let sqlError;
        try { await ctx.db.exec(new Proxy({}, { get() { throw new Error("trap"); } }), []); } catch (e) { sqlError = e.name + ": " + e.message; }
        let toStringTrap;
        try { await ctx.fetch({ toString() { return "https://example.com/from-trap"; } }); toStringTrap = "ok"; } catch (e) { toStringTrap = e.message; }
        return { seen: seen.length > 0, sqlError, toStringTrap };
      }`,
      capabilities,
    );
    expect(result).toMatchObject({ ok: true, body: { seen: true, sqlError: "TypeError: sql must be a string.", toStringTrap: "ok" } });
    expect(received[0]).toBe("UPDATE items SET done = ? WHERE id = ?");
    expect(types.isProxy(received[1])).toBe(false);
    expect(received[1]).toEqual([1, 2]);
  });

});

describe("tricks on the platform's own code", () => {
  it("keeps Error.prepareStackTrace from reaching platform frames, callbacks or references", async () => {
    const hostPrepare = Error.prepareStackTrace;
    const result = await hostile(`async function handler(req, ctx) {
      const found = [];
      Error.prepareStackTrace = (err, frames) => {
        for (const f of frames) {
          found.push({ file: f.getFileName(), thisType: typeof f.getThis(), fnType: typeof f.getFunction() });
        }
        return "hijacked";
      };
      const getter = { get sql() { void new Error().stack; return 1; } };
      try { await ctx.db.query(42, []); } catch (e) { void e.stack; }
      await ctx.db.query("SELECT * FROM items", [getter]).catch(() => null);
      try { await ctx.db.query("DROP TABLE items", []); } catch (e) { void e.stack; }
      const platform = found.filter((f) => f.file !== "function.js");
      return { platform, leaked: platform.filter((f) => f.thisType !== "undefined" || f.fnType !== "undefined").length };
    }`);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const body = result.body as { platform: unknown[]; leaked: number };
    expect(body.platform.length).toBeGreaterThan(0);
    expect(body.leaked).toBe(0);
    expect(Error.prepareStackTrace).toBe(hostPrepare);
  });

  it("lets thenables and a patched Promise.prototype.then fool only the tenant itself", async () => {
    const thenable = await hostile(`async function handler(req, ctx) {
      Object.prototype.then = function (resolve) { delete Object.prototype.then; resolve("hijacked"); };
      const rows = await ctx.db.query("SELECT * FROM items", []);
      return { rows };
    }`);
    expect(thenable).toMatchObject({ ok: true, body: { rows: "hijacked" } });
    const patched = await hostile(`async function handler(req, ctx) {
      Promise.prototype.then = function () { throw new Error("then is gone"); };
      return 1;
    }`);
    expect(patched).toMatchObject({ ok: false, error: { code: "runtime_error", message: "Error: then is gone" } });
    const never = await invokeFunction(
      TENANT,
      functionSource(`async function handler(req, ctx) { Object.prototype.then = function () {}; return { a: 1 }; }`),
      request(),
      memoryCapabilities(),
      { wallMs: 500 },
    );
    expect(never).toMatchObject({ ok: false, error: { code: "timeout" } });
  });

});

describe("capability errors", () => {
  it("turns a throwing capability into an Error in tenant code, with AppError messages only", async () => {
    const capabilities: Capabilities = {
      ...memoryCapabilities(),
      dbQuery: async () => {
        throw new Error("SQLITE_CORRUPT: /srv/data/sqlite/other-tenant.db is malformed");
      },
      dbExec: () => Promise.reject("a bare string with /etc/shadow"),
    };
    const result = await hostile(
      `async function handler(req, ctx) {
        const errors = [];
        for (const call of [() => ctx.db.query("SELECT 1", []), () => ctx.db.exec("SELECT 1", []), () => ctx.db.query("SELECT 1", "nope")]) {
          try { await call(); } catch (e) { errors.push([e instanceof Error, e.name, e.message, e.code ?? null]); }
        }
        return errors;
      }`,
      capabilities,
    );
    expect(result).toMatchObject({
      ok: true,
      body: [
        [true, "Error", "internal error", null],
        [true, "Error", "internal error", null],
        [true, "TypeError", "params must be an array.", null],
      ],
    });
  });
});
