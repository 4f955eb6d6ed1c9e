// The app origins' /_fn calls answered past Next's router (lib/http/direct-app-functions.ts), on a real
// Node HTTP server the way lib/http/server.mjs answers them: the same answers as the route handler Next
// calls, and every request Next would treat differently left to Next.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as publicFn, POST as publicFnPost } from "@/app/apps-host/[slug]/[env]/myco-fn/[name]/[[...path]]/route";
import { getConfig } from "@/lib/config";
import { shutdownRuntime } from "@/lib/functions";
import { serveAppFunctionsDirectly, type DirectRoute } from "@/lib/http";
import { appOrigin } from "@/lib/security";
import { call } from "@/tests/support/http";
import { createTestProject, signUpUser } from "@/tests/support/accounts";
import { putFile } from "@/tests/support/workspace";

const ECHO_FN = `
type Req = { method: string; path: string; query: Record<string, string>; headers: Record<string, string>; body: unknown };
export default async function handler(req: Req) {
  return { status: req.method === "POST" ? 201 : 200, headers: { "x-seen": "yes", "set-cookie": "a=b" },
    body: { method: req.method, path: req.path, query: req.query, body: req.body, cookie: req.headers.cookie ?? null, agent: req.headers["user-agent"] ?? null, proto: req.headers["x-forwarded-proto"] ?? null } };
}
`;

// Headers that belong to the connection, which Node refuses next to a Content-Length (Trailer).
const HOP_FN = `export default async function handler() {
  return { status: 200, headers: { trailer: "x-a", "keep-alive": "timeout=600", upgrade: "websocket", "x-own": "kept" }, body: "hop" };
}`;

let server: http.Server;
let port = 0;
let slug = "";
let appHost = "";

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string; by: "direct" | "next" };

function send(path: string, opts: { method?: string; host?: string; body?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path, method: opts.method ?? "GET", headers: { host: opts.host ?? appHost, ...opts.headers } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, by: res.headers["x-fallback"] ? "next" : "direct" }));
    });
    req.on("error", reject);
    req.end(opts.body);
  });
}

beforeAll(async () => {
  const owner = await signUpUser("Direct calls");
  const project = await createTestProject(owner, "Direct calls app");
  slug = project.slug;
  expect((await putFile(owner, project.id, "functions/echo.ts", ECHO_FN)).status).toBe(200);
  expect((await putFile(owner, project.id, "functions/hop.ts", HOP_FN)).status).toBe(200);
  const registered = () => (globalThis as typeof globalThis & Record<symbol, DirectRoute | undefined>)[Symbol.for("myco.http.directAppFunctions")];
  expect(registered(), "the route file registers its handler when it loads").toBeTypeOf("function");
  server = http.createServer((req, res) => {
    req.headers["x-forwarded-for"] = "192.0.2.77";
    if (registered()?.(req, res)) return;
    res.writeHead(299, { "x-fallback": "next" });
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  appHost = new URL(appOrigin(slug)).host;
}, 60_000);

afterAll(async () => {
  server?.close();
  await shutdownRuntime();
});

describe("function calls on an app's origin, answered past Next's router", () => {
  it("answer as the route handler Next calls does: status, body and headers; no cookie or forwarding header either way", async () => {
    const headers = { cookie: "session=secret", "user-agent": "probe", "x-forwarded-proto": "https" };
    const direct = await send("/_fn/echo/items/42?sort=desc", { headers });
    const viaNext = await call(publicFn, { params: { slug, env: "dev", name: "echo", path: ["items", "42"] }, path: "/_fn/echo/items/42?sort=desc", headers });
    expect(direct.by).toBe("direct");
    expect(direct.status).toBe(viaNext.status);
    expect(JSON.parse(direct.body)).toEqual(viaNext.body);
    expect(JSON.parse(direct.body)).toEqual({ method: "GET", path: "/items/42", query: { sort: "desc" }, body: null, cookie: null, agent: "probe", proto: null });
    const names = (headers: Iterable<string>) => [...headers].filter((h) => !["date", "connection", "keep-alive", "content-length", "transfer-encoding"].includes(h)).sort();
    expect(names(Object.keys(direct.headers))).toEqual(names(viaNext.headers.keys()));
    expect(direct.headers["x-seen"]).toBe("yes");
    expect(direct.headers["set-cookie"]).toBeUndefined();
    expect(direct.headers["x-myco-invocation"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number(direct.headers["content-length"])).toBe(Buffer.byteLength(direct.body));
  });

  it("hand the function a POST's JSON body, and refuse a bad one with the route's own 400", async () => {
    const posted = await send("/_fn/echo", { method: "POST", body: JSON.stringify({ title: "Walk dog" }), headers: { "content-type": "application/json" } });
    expect([posted.by, posted.status, JSON.parse(posted.body).body]).toEqual(["direct", 201, { title: "Walk dog" }]);
    const bad = await send("/_fn/echo", { method: "POST", body: "{not json", headers: { "content-type": "application/json" } });
    const badViaNext = await call(publicFnPost, { method: "POST", params: { slug, env: "dev", name: "echo" }, path: "/_fn/echo", rawBody: "{not json", headers: { "content-type": "application/json" } });
    expect([bad.by, bad.status, JSON.parse(bad.body)]).toEqual(["direct", badViaNext.status, badViaNext.body]);
    expect(bad.status).toBe(400);
  });

  it("take a Host in any case, as proxy.ts does, and send the function's answer without its connection headers", async () => {
    const shouted = await send("/_fn/echo", { host: appHost.toUpperCase() });
    expect([shouted.by, shouted.status, JSON.parse(shouted.body).method]).toEqual(["direct", 200, "GET"]);
    const hop = await send("/_fn/hop");
    expect([hop.by, hop.status, JSON.parse(hop.body), hop.headers["x-own"]]).toEqual(["direct", 200, "hop", "kept"]);
    expect([hop.headers.trailer, hop.headers.upgrade, hop.headers["keep-alive"]]).toEqual([undefined, undefined, "timeout=5"]);
  });

  it("keep serving after a visitor cuts an upload short", async () => {
    await new Promise<void>((resolve) => {
      const req = http.request({ host: "127.0.0.1", port, path: "/_fn/echo", method: "POST", headers: { host: appHost, "content-type": "application/json", "content-length": "100000" } });
      req.on("error", () => resolve());
      req.write('{"ti');
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 200);
    });
    expect(await send("/_fn/echo")).toMatchObject({ by: "direct", status: 200 });
  });

  it("close the connection after refusing a call whose body it did not read", async () => {
    const refused = await send("/_fn/echo", { method: "POST", host: appHost.replace(slug, "no-such-app"), body: "x".repeat(200_000), headers: { "content-type": "text/plain" } });
    expect([refused.by, refused.status, refused.headers.connection]).toEqual(["direct", 404, "close"]);
    expect((await send("/_fn/echo")).headers.connection).toBe("keep-alive");
  });

  it("answer an unknown function or a malformed name as the route does, with a 4xx", async () => {
    expect(await send("/_fn/nothing-here")).toMatchObject({ by: "direct", status: 404 });
    expect((await send("/_fn/Bad!Name")).status).toBeGreaterThanOrEqual(400);
    expect((await send("/_fn/Bad!Name")).status).toBeLessThan(500);
  });

  it("leave to Next every request Next would route differently or refuse", async () => {
    const toNext: [string, Parameters<typeof send>[1]][] = [
      ["/_fn/echo", { method: "HEAD" }],
      ["/_fn/echo", { method: "OPTIONS" }],
      ["/_fn/echo/", {}],
      ["/_fn//echo", {}],
      ["/_fn/echo//x", {}],
      ["/_fn/a/../echo", {}],
      ["/_fn/./echo", {}],
      ["/_fn/%65cho", {}],
      ["/_fn/echo/%2e%2e", {}],
      ["/_fn/echo/%zz", {}],
      ["/_fn", {}],
      ["/_fnecho", {}],
      ["/_myco/c/Echo", {}],
      ["/api/health", {}],
      [`http://${appHost}/_fn/echo`, {}],
      ["/_fn/echo#x", {}],
      ["/_fn/echo\\x", {}],
      ["/_fn/echo", { host: getConfig().ideUrl.host }],
      ["/_fn/echo", { host: "evil.example" }],
      ["/_fn/echo", { host: appHost.replace(/:\d+$/, ":1") }],
      ["/_fn/echo", { host: appHost.replace(slug, `${slug}--nope`) }],
      ["/_fn/echo", { host: appHost.replace(slug, "Bad_Slug") }],
    ];
    for (const [path, opts] of toNext) expect((await send(path, opts)).by, `${opts?.method ?? "GET"} ${path} on ${opts?.host ?? appHost}`).toBe("next");
  });

  it("tell the handler when the visitor goes away, so the call's pending work is cancelled", async () => {
    const seen = new Promise<string>((resolve) => {
      serveAppFunctionsDirectly(async (req) => {
        await new Promise((aborted) => req.signal.addEventListener("abort", aborted));
        resolve(req.url);
        return new Response(null, { status: 204 });
      });
    });
    const req = http.request({ host: "127.0.0.1", port, path: "/_fn/slow/x?y=1", headers: { host: appHost } });
    req.on("error", () => undefined);
    req.end();
    setTimeout(() => req.destroy(), 200);
    expect(await seen).toBe(`http://${appHost}/_fn/slow/x?y=1`);
  });
});
