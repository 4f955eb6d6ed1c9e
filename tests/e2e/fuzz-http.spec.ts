// The input classes that only exist on the wire, sent through the real server (its routing, percent
// decoding, proxy.ts and Next's own method handling) with Node's http module, which sends a path
// exactly as written where browsers and URL parsers would normalise it. Every route folder is found by
// walking app/, so a new route is covered here too.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { api, apiUser, type ApiUser } from "./support/api";
import { DOT_SEGMENTS, RAW_PATH_SEGMENTS, REFUSED_METHODS, UNROUTED_METHODS } from "../support/fuzz/classes";

type Answer = { status: number; headers: http.IncomingHttpHeaders; text: string; json: any };

function send(method: string, rawPath: string, options: { host?: string; token?: string; body?: string; contentType?: string } = {}): Promise<Answer> {
  const base = new URL(test.info().project.use.baseURL ?? "");
  const headers: Record<string, string> = { host: options.host ?? base.host };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) {
    headers["content-type"] = options.contentType ?? "application/json";
    headers["content-length"] = String(Buffer.byteLength(options.body));
  }
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: base.port, method, path: rawPath, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => {
        let json: any;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

function refusal(res: Answer): { status: number; field: unknown } {
  return { status: res.status, field: res.json?.error?.field };
}

// Every route folder as a URL on its origin, with its dynamic segments filled in.
function routeUrls(values: Record<string, string>): { url: string; app: boolean }[] {
  const root = path.resolve(import.meta.dirname, "../../app");
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name === "route.ts" ? [dir] : []));
  return [...walk(path.join(root, "api")), ...walk(path.join(root, "apps-host"))].map((dir) => {
    const segments = path.relative(root, dir).split(path.sep);
    const app = segments[0] === "apps-host";
    const filled = segments
      .slice(app ? 3 : 0)
      .map((s) => (/^\[+\.*([^\]]+)\]+$/.test(s) ? (values[s.replace(/[[\].]/g, "")] ?? "x") : s))
      .map((s) => (s === "myco-fn" ? "_fn" : s === "myco-assets" ? "_myco" : s));
    return { url: `/${filled.join("/")}`, app };
  });
}

let user: ApiUser;
let project: { id: string; slug: string; appUrl: string };
let appHost: string;

test.beforeAll(async ({ request }) => {
  user = await apiUser(request, "FuzzHttp");
  project = (await api(request, user, "POST", "/api/projects", { name: "Fuzz http" })).body;
  appHost = new URL(project.appUrl).host;
});

test("a malformed %-escape in any path segment is a JSON 400 naming path, on the IDE and app origins", async () => {
  const ide = ["/api/projects/SEG", `/api/projects/${project.id}/files/SEG`, `/api/projects/${project.id}/functions/SEG/invoke`, "/api/SEG", "/api/auth/SEG", "/SEG", "/projects/SEG"];
  const app = ["/SEG", "/pages/SEG", "/_fn/SEG", "/_fn/hello/SEG", "/_myco/a/SEG"];
  for (const { name, value } of RAW_PATH_SEGMENTS) {
    for (const url of ide) expect(refusal(await send("GET", url.replace("SEG", value), { token: user.token })), `${name} ${url}`).toEqual({ status: 400, field: "path" });
    for (const url of app) expect(refusal(await send("POST", url.replace("SEG", value), { host: appHost })), `${name} app ${url}`).toEqual({ status: 400, field: "path" });
  }
});

test("every route answers each method it does not implement with a JSON 405 and its Allow, however the path is spelled", async () => {
  test.setTimeout(300_000);
  const values = { projectId: project.id, runId: crypto.randomUUID(), invitationId: crypto.randomUUID(), userId: crypto.randomUUID(), tokenId: crypto.randomUUID(), sha: "0000000", table: "todos", name: "hello", path: "x", key: "x", nextauth: "session" };
  for (const { url, app } of routeUrls(values)) {
    const host = app ? appHost : undefined;
    const options = await send("OPTIONS", url, { host, token: user.token });
    const allow = String(options.headers.allow ?? "");
    if (url === "/api/x") continue; // the catch-all: 404 for every method
    expect(options.status, `OPTIONS ${url}`).toBe(204);
    for (const method of REFUSED_METHODS.filter((m) => !allow.split(", ").includes(m))) {
      for (const spelled of [url, ...DOT_SEGMENTS.map((dot) => `${dot}${url}`)]) {
        const res = await send(method, spelled, { host, token: user.token });
        expect({ ...refusal(res), allow: res.headers.allow }, `${method} ${spelled}`).toEqual({ status: 405, field: "method", allow });
      }
    }
  }
});

test("liveness and readiness answer on any Host, for probes; anything else there is 421", async () => {
  const base = new URL(test.info().project.use.baseURL ?? "");
  for (const host of [`127.0.0.1:${base.port}`, "10.1.2.3", "myco-7d9f.pod.cluster.local", appHost]) {
    const health = await send("GET", "/api/health", { host });
    expect({ status: health.status, body: health.json }, host).toEqual({ status: 200, body: { status: "ok" } });
    expect((await send("GET", "/api/ready", { host })).status, host).toBe(200);
    expect((await send("HEAD", "/api/health", { host })).status, host).toBe(200);
  }
  for (const [method, url] of [["GET", "/"], ["GET", "/api/projects"], ["POST", "/api/health"], ["GET", "/api/health/x"]] as const) {
    expect((await send(method, url, { host: "10.1.2.3" })).status, `${method} ${url}`).toBe(421);
  }
});

test("methods Next does not route, TRACE included, are a JSON 405 on both origins", async () => {
  for (const method of UNROUTED_METHODS) {
    for (const host of [undefined, appHost]) {
      const res = await send(method, "/api/health", { host });
      expect(refusal(res), `${method} ${host ?? "ide"}`).toEqual({ status: 405, field: "method" });
    }
  }
});

test("a function on /_fn never sees JSON nested 10,000 deep or a string holding a NUL", async ({ request }) => {
  const deep = `${"[".repeat(10_000)}${"]".repeat(10_000)}`;
  expect(refusal(await send("POST", "/_fn/hello", { host: appHost, body: deep }))).toEqual({ status: 400, field: "body" });
  expect(refusal(await send("POST", "/_fn/hello", { host: appHost, body: '{"title":"a\\u0000b"}' }))).toEqual({ status: 400, field: "title" });
  expect(refusal(await send("POST", "/_fn/hello?x=%00", { host: appHost }))).toEqual({ status: 400, field: "x" });
  const logs = await api(request, user, "GET", `/api/projects/${project.id}/functions/hello/logs`);
  expect(logs.body.invocations).toEqual([]);
  expect((await send("POST", "/_fn/hello", { host: appHost, body: `${"[".repeat(64)}${"]".repeat(64)}` })).status).toBe(200);
});

test("search takes a query as text, never as a git option, and refuses a NUL naming q", async () => {
  const search = (q: string) => send("GET", `/api/projects/${project.id}/search?q=${q}`, { token: user.token });
  expect(refusal(await search("%00"))).toEqual({ status: 400, field: "q" });
  for (const q of ["--upload-pack=x", "-calias.x%3D!sh", "--template%3D%2Ftmp"]) expect((await search(q)).status, q).toBe(200);
});

test("NUL and lone surrogates in stored names are a 400 naming the field", async () => {
  for (const name of ["a\\u0000b", "a\\ud800"]) {
    const body = `{"name":"${name}"}`;
    expect(refusal(await send("POST", "/api/projects", { token: user.token, body })), name).toEqual({ status: 400, field: "name" });
    expect(refusal(await send("POST", "/api/tokens", { token: user.token, body })), name).toEqual({ status: 400, field: "name" });
  }
  expect(refusal(await send("GET", `/api/projects/${project.id}/files/a%00b`, { token: user.token }))).toEqual({ status: 400, field: "path" });
});

test("sign-in's own routes refuse an unusable callbackUrl with a 400 and never show a 500 error page", async () => {
  expect(refusal(await send("GET", "/api/auth/signin?callbackUrl=x"))).toEqual({ status: 400, field: "callbackUrl" });
  expect(refusal(await send("GET", "/api/auth/signin?callbackUrl=%00"))).toEqual({ status: 400, field: "callbackUrl" });
  const error = await send("GET", "/api/auth/error?error=Configuration");
  expect(error.status).toBe(302);
  expect(error.headers.location).toContain("/sign-in?error=Configuration");
  expect(refusal(await send("POST", "/api/auth/nonsense", { body: "x=1", contentType: "application/x-www-form-urlencoded" }))).toEqual({ status: 400, field: "nextauth" });
});
