import { describe, expect, it } from "vitest";
import { requestFromHttp } from "@/lib/functions";

describe("a visitor's request as a function sees it", () => {
  it("keeps the visitor's own headers and drops credentials, forwarding and every x-myco-* header the server stamps", async () => {
    const req = new Request("http://shop.apps.localhost:3000/_fn/orders/list?page=2", {
      headers: {
        accept: "application/json", "x-custom": "kept", cookie: "myco.session=secret", authorization: "Bearer t",
        "x-forwarded-for": "203.0.113.9", "x-forwarded-proto": "https", "x-forwarded-host": "evil.example", "x-real-ip": "203.0.113.9", "x-myco-peer-0123456789abcdef": "198.51.100.7", "X-Myco-Anything": "internal",
      },
    });
    const seen = await requestFromHttp(req, "/list");
    expect(seen).toMatchObject({ method: "GET", path: "/list", query: { page: "2" }, body: null });
    expect(seen.headers).toEqual({ accept: "application/json", "x-custom": "kept" });
  });
});
