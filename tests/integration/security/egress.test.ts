import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { guardedFetch, isBlockedAddress, type EgressPolicy } from "@/lib/security";

// A real HTTP server on loopback. Loopback is blocked by default, so the tests that need a reachable
// "public" first hop treat 127.0.0.1 alone as public through the policy's isBlocked hook.
let server: http.Server;
let port = 0;
const hits: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    hits.push(req.url ?? "");
    if (req.url === "/to-metadata") return res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end();
    if (req.url === "/to-loopback") return res.writeHead(302, { location: `http://127.0.0.2:${port}/secret` }).end();
    if (req.url === "/to-other-host") return res.writeHead(302, { location: "http://evil.example/" }).end();
    if (req.url === "/hop") return res.writeHead(301, { location: "/ok" }).end();
    if (req.url === "/big") return res.end("x".repeat(10_000));
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ method: req.method, url: req.url }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const base: EgressPolicy = { allowedHosts: ["127.0.0.1", "localhost", "169.254.169.254", "127.0.0.2"], timeoutMs: 2000, maxResponseBytes: 5000, maxRedirects: 3 };
const loopbackIsPublic: EgressPolicy = { ...base, isBlocked: (ip) => ip !== "127.0.0.1" && isBlockedAddress(ip) };
const get = { method: "GET", headers: {}, body: null };

describe("guardedFetch", () => {
  it.each([
    [`http://127.0.0.1:${port}/`, "private or reserved"],
    [`http://localhost:${port}/`, "private or reserved"],
    ["http://169.254.169.254/latest/meta-data/", "private or reserved"],
    [`http://[::1]:${port}/`, "not in this project's allowed hosts"],
    ["http://0x7f000001/", "private or reserved"],
  ])("refuses %s by default", async (url, reason) => {
    const before = hits.length;
    await expect(guardedFetch(url.replace(":0/", `:${port}/`), get, base)).rejects.toThrow(reason);
    expect(hits.length).toBe(before);
  });

  it("refuses hosts outside the project's allowlist and non-http schemes", async () => {
    await expect(guardedFetch("https://example.com/", get, { ...base, allowedHosts: ["api.example.com"] })).rejects.toMatchObject({ code: "forbidden" });
    await expect(guardedFetch("file:///etc/passwd", get, base)).rejects.toThrow("only http and https");
    await expect(guardedFetch("http://user:pw@127.0.0.1/", get, base)).rejects.toThrow("credentials");
  });

  it("follows a redirect only after checking the next hop, and refuses one to metadata or loopback", async () => {
    expect((await guardedFetch(`http://127.0.0.1:${port}/hop`, get, loopbackIsPublic)).body).toContain('"url":"/ok"');
    await expect(guardedFetch(`http://127.0.0.1:${port}/to-metadata`, get, loopbackIsPublic)).rejects.toThrow("private or reserved");
    await expect(guardedFetch(`http://127.0.0.1:${port}/to-loopback`, get, loopbackIsPublic)).rejects.toThrow("private or reserved");
    await expect(guardedFetch(`http://127.0.0.1:${port}/to-other-host`, get, loopbackIsPublic)).rejects.toThrow("not in this project's allowed hosts");
    expect(hits).not.toContain("/secret");
  });

  it("caps the response size", async () => {
    await expect(guardedFetch(`http://127.0.0.1:${port}/big`, get, loopbackIsPublic)).rejects.toMatchObject({ code: "payload_too_large" });
  });
});
