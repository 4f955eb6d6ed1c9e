import { isIP } from "node:net";
import { getConfig, type Config } from "@/lib/config";

const MAX_ADDRESS_CHARS = 64;

/** An address as sent, trimmed and bounded, IPv4-mapped IPv6 as IPv4. */
function plainOf(address: string): string {
  return address.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "").slice(0, MAX_ADDRESS_CHARS) || "unknown";
}

/** One address as a rate-limit key: IPv6 by its /64 (one subscriber's block), anything else as it is. */
function keyOf(address: string): string {
  const plain = plainOf(address);
  if (isIP(plain) !== 6) return plain;
  const [head = "", tail = ""] = plain.toLowerCase().split("::");
  const groups = head.split(":").filter(Boolean);
  const tailGroups = tail.split(":").filter(Boolean);
  const full = [...groups, ...Array<string>(Math.max(0, 8 - groups.length - tailGroups.length)).fill("0"), ...tailGroups];
  return `${full.slice(0, 4).join(":")}::/64`;
}

/**
 * The client address of a request under `settings` (pure; clientAddress applies the configuration).
 * Myco's server (lib/http/server.mjs) stamps the socket's address in a header whose name is random per
 * process, so no client can forge it; each of `trustedProxies` reverse proxies in front appends the
 * address it received from to X-Forwarded-For, so the client is that many entries from the right.
 * Without the stamp (`next dev`, handlers called in tests) Next fills X-Forwarded-For from the socket
 * unless the client sent one: trustworthy only in development.
 */
export function addressFrom(headers: Headers, settings: Config["clientAddress"]): string {
  return keyOf(sentFrom(headers, settings));
}

function sentFrom(headers: Headers, settings: Config["clientAddress"]): string {
  const forwarded = (headers.get("x-forwarded-for") ?? "").split(",").map((a) => a.trim()).filter(Boolean);
  const peer = settings.peerHeader ? headers.get(settings.peerHeader) : null;
  if (peer !== null && settings.trustedProxies === 0) return peer;
  const hops = Math.max(settings.trustedProxies, 1);
  return forwarded[forwarded.length - hops] ?? forwarded[0] ?? peer ?? "unknown";
}

/** The address of the client that sent a request, as rate limits count it (IPv6 by its /64). */
export function clientAddress(headers: Headers): string {
  return addressFrom(headers, getConfig().clientAddress);
}

/** The address of the client that sent a request, whole (IPv6 too), by the same rules: what the audit log records. */
export function clientIp(headers: Headers): string {
  return plainOf(sentFrom(headers, getConfig().clientAddress));
}
