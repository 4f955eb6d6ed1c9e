import { describe, expect, it } from "vitest";
import { addressFrom } from "@/lib/security";

const PEER = "x-myco-peer-0123456789abcdef0123456789abcdef";
const headers = (h: Record<string, string>) => new Headers(h);

describe("client address", () => {
  it("behind Myco's server, is the socket's address whatever X-Forwarded-For claims", () => {
    const direct = { peerHeader: PEER, trustedProxies: 0 };
    expect(addressFrom(headers({ [PEER]: "203.0.113.7", "x-forwarded-for": "198.51.100.1" }), direct)).toBe("203.0.113.7");
    expect(addressFrom(headers({ [PEER]: "::ffff:203.0.113.7" }), direct)).toBe("203.0.113.7");
  });

  it("behind trusted proxies, is the entry that many hops from the right, never one the client put before it", () => {
    const two = { peerHeader: PEER, trustedProxies: 2 };
    const h = headers({ [PEER]: "10.0.0.2", "x-forwarded-for": "6.6.6.6, 198.51.100.9, 10.0.0.1" });
    expect(addressFrom(h, two)).toBe("198.51.100.9");
    expect(addressFrom(headers({ [PEER]: "10.0.0.2" }), two)).toBe("10.0.0.2");
  });

  it("counts an IPv6 client by its /64, so rotating addresses inside one block does not dodge a limit", () => {
    const direct = { peerHeader: PEER, trustedProxies: 0 };
    const a = addressFrom(headers({ [PEER]: "2001:db8:1:2:aaaa::1" }), direct);
    const b = addressFrom(headers({ [PEER]: "2001:db8:1:2:ffff:ffff:ffff:ffff" }), direct);
    expect(a).toBe("2001:db8:1:2::/64");
    expect(b).toBe(a);
    expect(addressFrom(headers({ [PEER]: "2001:db8:1:3::1" }), direct)).not.toBe(a);
  });

  it("without Myco's server (next dev, tests), falls back to X-Forwarded-For, bounded in length", () => {
    const dev = { peerHeader: undefined, trustedProxies: 0 };
    expect(addressFrom(headers({ "x-forwarded-for": "198.51.100.1" }), dev)).toBe("198.51.100.1");
    expect(addressFrom(headers({}), dev)).toBe("unknown");
    expect(addressFrom(headers({ "x-forwarded-for": "x".repeat(500) }), dev)).toHaveLength(64);
  });
});
