import { describe, expect, it } from "vitest";
import { requestFromHttp, responseFromResult } from "@/lib/functions";

describe("a visitor's request as a function sees it", () => {
  it("keeps the visitor's own headers and drops credentials, forwarding and every x-myco-* header the server stamps", async () => {
    const req = new Request("http://shop.apps.localhost:3000/_fn/orders/list?page=2", {
      headers: {
        accept: "application/json", "x-custom": "kept", cookie: "myco.session=secret", authorization: "Bearer t",
        "x-forwarded-for": "203.0.113.9", "x-forwarded-proto": "https", "x-forwarded-host": "evil.example", forwarded: "for=203.0.113.9", "cf-connecting-ip": "203.0.113.9", "x-middleware-rewrite": "/x", "x-real-ip": "203.0.113.9", "x-myco-peer-0123456789abcdef": "198.51.100.7", "X-Myco-Anything": "internal",
      },
    });
    const seen = await requestFromHttp(req, "/list");
    expect(seen).toMatchObject({ method: "GET", path: "/list", query: { page: "2" }, body: null });
    expect(seen.headers).toEqual({ accept: "application/json", "x-custom": "kept" });
  });
});

describe("a function's answer as the visitor gets it", () => {
  const meta = { logs: [], logsTruncated: false, cpuMs: 1, wallMs: 1, cold: false };
  const answer = (status: number, headers: Record<string, string>, body: unknown = "text") =>
    responseFromResult({ ok: true, status, headers, body, ...meta }, "00000000-0000-0000-0000-000000000001");

  it("keeps the function's own headers and drops those that act for the platform, the browser or the connection", () => {
    const res = answer(200, {
      "x-own": "kept", "content-type": "text/plain", "set-cookie": "a=b", "keep-alive": "timeout=600", trailer: "x-a", te: "trailers",
      upgrade: "websocket", "proxy-connection": "keep-alive", connection: "close", "transfer-encoding": "chunked", "content-length": "1",
    });
    expect(Object.fromEntries(res.headers)).toEqual({
      "x-own": "kept", "content-type": "text/plain", "cache-control": "no-store", "x-myco-invocation": "00000000-0000-0000-0000-000000000001",
    });
  });

  it("sends 204, 205 and 304 without a body", async () => {
    for (const status of [204, 205, 304]) {
      const res = answer(status, {}, { ignored: true });
      expect([res.status, await res.text()], String(status)).toEqual([status, ""]);
    }
  });
});
