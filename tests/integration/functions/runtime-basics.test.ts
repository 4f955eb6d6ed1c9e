// What a function sees and returns: ctx.db/env/fetch, console, timers, response shapes, errors,
// fresh state per invocation, and warm reuse.
import { afterAll, describe, expect, it } from "vitest";
import { invokeFunction, prewarmFunction, runnerPid, shutdownRuntime } from "@/lib/functions/runtime";
import { functionSource, memoryCapabilities, request } from "@/tests/support/function-scripts";

afterAll(() => shutdownRuntime());

const CRUD = functionSource(`async function handler(req, ctx) {
  console.info("request", req.method, req.path);
  if (req.method === "POST") {
    const { lastInsertRowid } = await ctx.db.exec("INSERT INTO items (name) VALUES (?)", [req.body.name]);
    return { status: 201, headers: { location: "/items/" + lastInsertRowid }, body: { id: lastInsertRowid } };
  }
  if (req.method === "PATCH") {
    await ctx.db.exec("UPDATE items SET done = ? WHERE id = ?", [req.body.done, Number(req.query.id)]);
    return { status: 204 };
  }
  if (req.method === "DELETE") {
    try { await ctx.db.exec("DELETE FROM items WHERE id = ?", [Number(req.query.id)]); }
    catch (e) { console.warn("delete failed:", e.message); return { status: 404, body: { error: e.message, code: e.code } }; }
    return { status: 204 };
  }
  const items = await ctx.db.query("SELECT * FROM items", []);
  return { owner: ctx.env.OWNER, items };
}`);

describe("a CRUD function", () => {
  it("creates, lists, updates and deletes through ctx.db, reading ctx.env and logging", async () => {
    const caps = memoryCapabilities({ OWNER: "ada" });
    const created = await invokeFunction("crud", CRUD, request({ method: "POST", path: "/items", body: { name: "milk" } }), caps);
    expect(created).toMatchObject({ ok: true, status: 201, headers: { location: "/items/1" }, body: { id: 1 } });
    expect(created.logs).toMatchObject([{ level: "info", message: "request POST /items" }]);
    const updated = await invokeFunction("crud", CRUD, request({ method: "PATCH", query: { id: "1" }, body: { done: true } }), caps);
    expect(updated).toMatchObject({ ok: true, status: 204, body: null });
    const listed = await invokeFunction("crud", CRUD, request(), caps);
    expect(listed).toMatchObject({ ok: true, status: 200, body: { owner: "ada", items: [{ id: 1, name: "milk", done: true }] } });
    expect((await invokeFunction("crud", CRUD, request({ method: "DELETE", query: { id: "1" } }), caps)).ok).toBe(true);
    const missing = await invokeFunction("crud", CRUD, request({ method: "DELETE", query: { id: "1" } }), caps);
    expect(missing).toMatchObject({ ok: true, status: 404, body: { error: "no such row", code: "bad_request" } });
    expect(missing.logs.map((l) => [l.level, l.message])).toContainEqual(["warn", "delete failed: no such row"]);
    expect(caps.rows).toEqual([]);
  });

  it("sees a frozen env and a Response-like fetch result", async () => {
    const result = await invokeFunction(
      "crud",
      functionSource(`async function handler(req, ctx) {
        "use strict";
        let frozen = false;
        try { ctx.env.OWNER = "mallory"; } catch { frozen = true; }
        const res = await ctx.fetch("https://example.com/x", { method: "POST", headers: { a: 1 }, body: "{}" });
        return { frozen, owner: ctx.env.OWNER, status: res.status, ok: res.ok, type: res.headers["content-type"], text: await res.text() };
      }`),
      request(),
      memoryCapabilities({ OWNER: "ada" }),
    );
    expect(result).toMatchObject({
      ok: true,
      body: { frozen: true, owner: "ada", status: 200, ok: true, type: "text/plain", text: "fetched https://example.com/x" },
    });
  });
});

describe("responses and errors", () => {
  const run = (handler: string, prelude = "") => invokeFunction("shapes", functionSource(handler, prelude), request(), memoryCapabilities());

  it("treats only {status, headers?, body?} with a numeric status as a response envelope", async () => {
    expect(await run(`() => ({ status: "ok", body: 1 })`)).toMatchObject({ ok: true, status: 200, body: { status: "ok", body: 1 } });
    expect(await run(`() => ({ status: 418, extra: 1 })`)).toMatchObject({ ok: true, status: 200, body: { status: 418, extra: 1 } });
    expect(await run(`() => ({ status: 418, headers: { "x-tea": "yes" } })`)).toMatchObject({ ok: true, status: 418, headers: { "x-tea": "yes" }, body: null });
    expect(await run(`() => undefined`)).toMatchObject({ ok: true, status: 200, body: null });
  });

  it("answers bad_response for an invalid status or a body that is not JSON", async () => {
    expect(await run(`() => ({ status: 42 })`)).toMatchObject({ ok: false, error: { code: "bad_response" } });
    expect(await run(`() => ({ status: 101, body: "upgrade" })`)).toMatchObject({ ok: false, error: { code: "bad_response" } });
    expect(await run(`() => ({ big: 1n })`)).toMatchObject({ ok: false, error: { code: "bad_response" } });
    expect(await run(`() => () => 1`)).toMatchObject({ ok: false, error: { code: "bad_response" } });
    expect(await run(`() => ({ status: 200, headers: { "x-a": "1\\r\\nset-cookie: sid=stolen" } })`)).toMatchObject({
      ok: false,
      error: { code: "bad_response" },
    });
    expect(await run(`() => ({ status: 200, headers: { "bad name": "1" } })`)).toMatchObject({ ok: false, error: { code: "bad_response" } });
  });

  it("answers invalid_script for a syntax error or a missing handler", async () => {
    const broken = await invokeFunction("shapes", { versionKey: "broken", script: "var __mycoFunction = (() => {" }, request(), memoryCapabilities());
    expect(broken).toMatchObject({ ok: false, error: { code: "invalid_script" } });
    const empty = await invokeFunction("shapes", { versionKey: "empty", script: "var somethingElse = 1;" }, request(), memoryCapabilities());
    expect(empty).toMatchObject({ ok: false, error: { code: "invalid_script" } });
  });

  it("reports a thrown error as runtime_error with its name and message only", async () => {
    const result = await run(`async () => { class PaymentError extends Error { name = "PaymentError"; } throw new PaymentError("card declined"); }`);
    expect(result).toMatchObject({ ok: false, error: { code: "runtime_error", message: "PaymentError: card declined" } });
    const top = await run(`() => 1`, `throw new TypeError("bad module");`);
    expect(top).toMatchObject({ ok: false, error: { code: "runtime_error", message: "TypeError: bad module" } });
    expect(JSON.stringify([result, top])).not.toMatch(/\bat |\.ts|\.js:|node_modules|\/work\//);
  });

  it("runs setTimeout callbacks during the invocation and drops those still pending after it", async () => {
    const result = await run(`async () => {
      const order = [];
      const cancelled = setTimeout(() => order.push("cancelled"), 10);
      clearTimeout(cancelled);
      await new Promise((resolve) => setTimeout(() => { order.push("slept"); resolve(); }, 30));
      setTimeout(() => console.log("too late"), 50);
      return order;
    }`);
    expect(result).toMatchObject({ ok: true, body: ["slept"], logs: [] });
    expect(result.wallMs).toBeGreaterThanOrEqual(30);
  });
});

describe("state and reuse", () => {
  const COUNTER = functionSource(`function handler() { globalThis.count = (globalThis.count ?? 0) + 1; moduleCount += 1; return [globalThis.count, moduleCount]; }`, "let moduleCount = 0;");

  it("starts every invocation with fresh globals and module state", async () => {
    for (let i = 0; i < 3; i++) expect(await invokeFunction("state", COUNTER, request(), memoryCapabilities())).toMatchObject({ ok: true, body: [1, 1] });
  });

  it("reports the first call of a runner or version as cold and later ones as warm", async () => {
    const v1 = functionSource(`() => "v1"`);
    const v2 = functionSource(`() => "v2"`);
    expect(await invokeFunction("warmth", v1, request(), memoryCapabilities())).toMatchObject({ ok: true, cold: true });
    expect(await invokeFunction("warmth", v1, request(), memoryCapabilities())).toMatchObject({ ok: true, cold: false });
    expect(await invokeFunction("warmth", v2, request(), memoryCapabilities())).toMatchObject({ ok: true, cold: true, body: "v2" });
    expect(await invokeFunction("warmth", v1, request(), memoryCapabilities())).toMatchObject({ ok: true, cold: false, body: "v1" });
  });

  it("prewarms a runner and version so the first call is warm", async () => {
    const fn = functionSource(`() => "prewarmed"`);
    await prewarmFunction("prewarm", fn);
    expect(runnerPid("prewarm")).toBeGreaterThan(0);
    expect(await invokeFunction("prewarm", fn, request(), memoryCapabilities())).toMatchObject({ ok: true, cold: false, body: "prewarmed" });
  });

  it("runs each tenant in its own runner process", async () => {
    const fn = functionSource(`() => 1`);
    await Promise.all(["tenant-a", "tenant-b"].map((t) => invokeFunction(t, fn, request(), memoryCapabilities())));
    const [a, b] = [runnerPid("tenant-a"), runnerPid("tenant-b")];
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    expect(a).not.toBe(b);
    expect(a).not.toBe(process.pid);
  });
});
