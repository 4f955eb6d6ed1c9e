// Tenant function fixtures for the runtime tests: scripts in the bundler's output format and
// in-memory capabilities (the real tenant database lives in lib/tenant-db).
import { createHash } from "node:crypto";
import { expect } from "vitest";
import { AppError } from "@/lib/errors";
import { invokeFunction, type Capabilities, type FunctionSource, type InvokeRequest } from "@/lib/functions/runtime";

/**
 * A function version shaped like esbuild's output with format "iife" and globalName "__mycoFunction"
 * (sloppy mode, as esbuild emits it for ESM input, which is what most escapes need).
 */
export function functionSource(handler: string, prelude = ""): FunctionSource {
  const script = `var __mycoFunction = (() => {\n${prelude}\nreturn { default: ${handler} };\n})();\n`;
  return { versionKey: createHash("sha256").update(script).digest("hex").slice(0, 16), script };
}

/** A GET request with no body, unless overridden. */
export function request(overrides: Partial<InvokeRequest> = {}): InvokeRequest {
  return { method: "GET", path: "/", query: {}, headers: {}, body: null, ...overrides };
}

type Row = { id: number; name: string; done: boolean };

/**
 * Capabilities over an in-memory "items" table that understands the handful of statements the
 * CRUD fixture sends; anything else is an AppError, like a rejected statement of the real one.
 */
export function memoryCapabilities(env: Record<string, string> = {}): Capabilities & { rows: Row[] } {
  const rows: Row[] = [];
  let nextId = 1;
  const exec = async (sql: string, params: unknown[]) => {
    if (/^INSERT INTO items/i.test(sql)) {
      rows.push({ id: nextId, name: String(params[0]), done: false });
      nextId += 1;
      return { changes: 1, lastInsertRowid: nextId - 1 };
    }
    const row = rows.find((r) => r.id === Number(params.at(-1)));
    if (/^UPDATE items SET done/i.test(sql) && row) row.done = Boolean(params[0]);
    else if (/^DELETE FROM items/i.test(sql) && row) rows.splice(rows.indexOf(row), 1);
    else throw new AppError("bad_request", "no such row");
    return { changes: 1 };
  };
  const query = async (sql: string, params: unknown[]) => {
    if (!/^SELECT \* FROM items/i.test(sql)) throw new AppError("bad_request", "unsupported query");
    return params.length > 0 ? rows.filter((r) => r.id === Number(params[0])) : rows.map((r) => ({ ...r }));
  };
  return {
    rows,
    env,
    dbQuery: query,
    dbExec: exec,
    fetch: async (url) => ({ status: 200, headers: { "content-type": "text/plain" }, body: `fetched ${url}` }),
  };
}

/** A benign function: answers with its argument echo, for "the runtime still works" checks. */
export const ECHO = functionSource(`async function handler(req) { return { echo: req.query.q ?? null }; }`);

/** Measures the test process's event loop (standing in for the web server) while hostile code runs. */
export function lagMonitor(intervalMs = 10): { stop(): { maxGapMs: number; ticks: number } } {
  let last = performance.now();
  let maxGapMs = 0;
  let ticks = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    maxGapMs = Math.max(maxGapMs, now - last);
    last = now;
    ticks += 1;
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return { maxGapMs: Math.max(maxGapMs, performance.now() - last), ticks };
    },
  };
}

/** After a hostile case: the same tenant and a bystander tenant both still answer benign calls. */
export async function expectHealthy(tenantKey: string, bystanderKey = "bystander"): Promise<void> {
  for (const key of [tenantKey, bystanderKey]) {
    const result = await invokeFunction(key, ECHO, request({ query: { q: key } }), memoryCapabilities());
    expect(result, `benign call for ${key}`).toMatchObject({ ok: true, status: 200, body: { echo: key } });
  }
}
