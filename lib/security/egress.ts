import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import http from "node:http";
import https from "node:https";
import { AppError } from "@/lib/errors";

/** What an outbound request may do; the allowlist is the project's, "*.example.com" matching subdomains. */
export type EgressPolicy = {
  allowedHosts: readonly string[];
  timeoutMs: number;
  maxResponseBytes: number;
  maxRedirects: number;
  /** Which resolved addresses are off limits; default isBlockedAddress. */
  isBlocked?: (ip: string) => boolean;
};

export type EgressRequest = { method: string; headers: Record<string, string>; body: string | null };
export type EgressResponse = { status: number; headers: Record<string, string>; body: string };

const IPV4_BLOCKED: [number, number][] = [
  [0x00000000, 8], [0x0a000000, 8], [0x64400000, 10], [0x7f000000, 8], [0xa9fe0000, 16], [0xac100000, 12],
  [0xc0000000, 24], [0xc0000200, 24], [0xc0a80000, 16], [0xc6120000, 15], [0xc6336400, 24], [0xcb007100, 24],
  [0xe0000000, 4], [0xf0000000, 4],
];

function ipv4ToInt(ip: string): number {
  return ip.split(".").reduce((n, part) => (n << 8) + Number(part), 0) >>> 0;
}

/**
 * True for every address a tenant must never reach: loopback, private, carrier-grade NAT, link-local
 * (169.254.169.254, the cloud metadata service), multicast, reserved, documentation, and their IPv6
 * forms including IPv4-mapped addresses.
 */
export function isBlockedAddress(ip: string): boolean {
  if (isIP(ip) === 4) {
    const n = ipv4ToInt(ip);
    return IPV4_BLOCKED.some(([base, bits]) => (n >>> (32 - bits)) === (base >>> (32 - bits)));
  }
  const v6 = ip.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(v6);
  if (mapped?.[1]) return isBlockedAddress(mapped[1]);
  return v6 === "::" || v6 === "::1" || /^(fc|fd|fe[89ab]|ff)/.test(v6) || v6.startsWith("64:ff9b:") || v6.startsWith("2001:db8:") || v6.startsWith("::ffff:");
}

function hostAllowed(host: string, allowed: readonly string[]): boolean {
  return allowed.some((rule) => (rule.startsWith("*.") ? host.endsWith(rule.slice(1)) : host === rule));
}

/** Resolves `host` and returns one vetted address; refused if any of its addresses is blocked. */
async function vettedAddress(host: string, isBlocked: (ip: string) => boolean): Promise<{ address: string; family: number }> {
  const addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await lookup(host, { all: true }).catch(() => []);
  if (addresses.length === 0) throw new AppError("unprocessable", `Cannot resolve ${host}.`, "url");
  if (addresses.some((a) => isBlocked(a.address))) {
    throw new AppError("forbidden", `${host} resolves to a private or reserved address; functions may not reach it.`, "url");
  }
  return addresses[0] as { address: string; family: number };
}

function checkUrl(raw: string, policy: EgressPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError("bad_request", "fetch: not a valid URL.", "url");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new AppError("forbidden", "fetch: only http and https URLs.", "url");
  if (url.username || url.password) throw new AppError("forbidden", "fetch: credentials in URLs are not allowed.", "url");
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (!hostAllowed(host, policy.allowedHosts)) {
    throw new AppError("forbidden", `fetch: ${host} is not in this project's allowed hosts.`, "url");
  }
  return url;
}

// The request connects to the address that was checked (no second DNS lookup an attacker could
// rebind), while TLS and the Host header still use the name.
function send(url: URL, address: { address: string; family: number }, req: EgressRequest, policy: EgressPolicy): Promise<EgressResponse> {
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(url, {
      method: req.method, headers: req.headers, timeout: policy.timeoutMs,
      // No pooled keep-alive socket: a pool keyed by host:port would hand a later request for the same
      // name (after DNS moved) a socket to the address checked for an earlier one.
      agent: false,
      lookup: (_host, _opts, cb) => cb(null, address.address, address.family),
    }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > policy.maxResponseBytes) {
          request.destroy();
          reject(new AppError("payload_too_large", `fetch: response over ${policy.maxResponseBytes} bytes.`, "url"));
        } else chunks.push(chunk);
      });
      res.on("end", () => {
        const headers = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : String(v ?? "")]));
        resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString("utf8") });
      });
      res.on("error", reject);
    });
    request.on("timeout", () => request.destroy(new AppError("unavailable", `fetch: no answer within ${policy.timeoutMs} ms.`, "url")));
    request.on("error", (err) => reject(err instanceof AppError ? err : new AppError("unavailable", `fetch: ${url.host} could not be reached.`, "url")));
    request.end(req.body ?? undefined);
  });
}

/**
 * An outbound HTTP request on behalf of tenant code: only allowlisted hosts, never a private, loopback,
 * link-local or metadata address (checked after DNS resolution, on every redirect hop), bounded in
 * time and size. Redirects are followed here, so each hop is checked.
 */
export async function guardedFetch(raw: string, req: EgressRequest, policy: EgressPolicy): Promise<EgressResponse> {
  let url = checkUrl(raw, policy);
  let current = req;
  for (let hop = 0; ; hop++) {
    const address = await vettedAddress(url.hostname.replace(/^\[|\]$/g, ""), policy.isBlocked ?? isBlockedAddress);
    const res = await send(url, address, current, policy);
    const location = res.headers.location;
    if (res.status < 300 || res.status >= 400 || !location) return res;
    if (hop >= policy.maxRedirects) throw new AppError("unprocessable", `fetch: more than ${policy.maxRedirects} redirects.`, "url");
    url = checkUrl(new URL(location, url).toString(), policy);
    if (res.status === 303 || ((res.status === 301 || res.status === 302) && current.method === "POST")) current = { ...current, method: "GET", body: null };
  }
}
