import { describe, expect, it } from "vitest";
import { z } from "zod";
import { route } from "@/lib/http";
import { GET as health } from "@/app/api/health/route";
import { GET as ready } from "@/app/api/ready/route";
import { GET as unknownGet, DELETE as unknownDelete } from "@/app/api/[...path]/route";
import { POST as createProject } from "@/app/api/projects/route";
import { call } from "@/tests/support/http";
import { signUpUser } from "@/tests/support/accounts";

describe("route()", () => {
  it("serves liveness and readiness without auth", async () => {
    expect(await call(health)).toMatchObject({ status: 200, body: { status: "ok" } });
    const res = await call(ready);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "ready", migrations: expect.any(Number) });
    expect(res.body.migrations).toBeGreaterThan(0);
  });

  it("answers unknown API paths with a JSON 404", async () => {
    const get = await call(unknownGet, { path: "/api/nothing/here" });
    const del = await call(unknownDelete, { method: "DELETE", path: "/api/nothing" });
    expect(get).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
    expect(get.body.error.message).toContain("/api/nothing/here");
    expect(del.status).toBe(404);
  });

  it("refuses oversized bodies with 413 and non-JSON content types with 400", async () => {
    const user = await signUpUser("Big");
    const big = await call(createProject, { method: "POST", token: user.token, body: { name: "x".repeat(1024 * 1024 + 1) } });
    expect(big.status).toBe(413);
    expect(big.body.error.field).toBe("body");
    const form = await call(createProject, { method: "POST", token: user.token, rawBody: "name=x", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(form.status).toBe(400);
    expect(form.body.error.field).toBe("body");
  });

  it("validates query strings and names the parameter", async () => {
    const handler = route({ access: "public", query: z.strictObject({ limit: z.coerce.number().int().max(100) }) }, ({ query }) => query);
    expect((await call(handler, { path: "/api/x?limit=5" })).body).toEqual({ limit: 5 });
    const bad = await call(handler, { path: "/api/x?limit=500" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe("limit");
  });

  it("answers a request whose client left mid-body as incomplete (400), not as a 500 of ours", async () => {
    const handler = route({ access: "public", body: z.object({ name: z.string() }) }, ({ body }) => body);
    const cutShort = Object.assign(new Error("aborted"), { code: "ECONNRESET" });
    const body = new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('{"na')), pull: (c) => c.error(cutShort) });
    const req = new Request("http://localhost:3000/api/upload", { method: "POST", body, headers: { "content-type": "application/json" }, duplex: "half" } as RequestInit);
    const res = await handler(req, { params: Promise.resolve({}) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "bad_request", field: "body" } });
  });

  it("turns an unexpected error into a generic 500 that reveals nothing", async () => {
    const handler = route({ access: "public" }, () => {
      throw new Error("secret internals at /srv/myco/lib/db.ts:12");
    });
    const res = await call(handler);
    expect(res.status).toBe(500);
    expect(res.body.error.code).toBe("internal");
    expect(JSON.stringify(res.body)).not.toContain("secret internals");
  });

  it("sends Retry-After with a rate-limit error and no-store on every answer", async () => {
    const { AppError } = await import("@/lib/errors");
    const handler = route({ access: "public" }, () => {
      throw new AppError("rate_limited", "Slow down.", undefined, { retryAfterSeconds: 7 });
    });
    const res = await call(handler);
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("7");
    expect(res.headers.get("cache-control")).toBe("no-store");
  });
});

describe("GET /api/sdui/schema.json", () => {
  it("publishes the blueprint's JSON Schema without auth", async () => {
    const { GET: schema } = await import("@/app/api/sdui/schema.json/route");
    const res = await call(schema);
    expect(res.status).toBe(200);
    expect(res.body.$schema).toContain("json-schema.org");
    expect(JSON.stringify(res.body)).toContain("routes");
  });
});
