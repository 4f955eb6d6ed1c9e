import { lookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import { Readable } from "node:stream";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { isBlockedAddress } from "./egress";

type Address = { address: string; family: number };

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);
/** A model's whole answer may not exceed this: a hostile endpoint must not fill the server's memory. */
const MAX_MODEL_RESPONSE_BYTES = 16 * 1024 * 1024;

/**
 * Resolves the host of a project's own model endpoint and returns the address to connect to. Loopback,
 * private, link-local (cloud metadata) and reserved addresses are refused, as for functions' ctx.fetch,
 * unless the operator listed the URL's own host in AI_ALLOW_PRIVATE_HOSTS (never matched against what a
 * name resolves to: any name can resolve to an allowed address).
 */
export async function vetModelEndpoint(url: URL): Promise<Address> {
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new AppError("bad_request", "The base URL must be http or https.", "baseUrl");
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const allowed = getConfig().aiAllowedPrivateHosts;
  const addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await lookup(host, { all: true }).catch(() => []);
  const first = addresses[0];
  if (!first) throw new AppError("bad_request", `Cannot resolve ${host}.`, "baseUrl");
  const refused = allowed.has(host) ? undefined : addresses.find((a) => isBlockedAddress(a.address));
  if (refused) {
    throw new AppError("bad_request", `${host} is a private or reserved address; a project's model must be reachable on the internet.`, "baseUrl");
  }
  return first;
}

function requestHeaders(init: RequestInit | undefined): Record<string, string> {
  return Object.fromEntries(new Headers(init?.headers).entries());
}

function responseHeaders(raw: http.IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    for (const v of Array.isArray(value) ? value : [value ?? ""]) headers.append(name, v);
  }
  return headers;
}

// Connects to the address that was vetted (no second DNS lookup an attacker could rebind) while TLS and
// the Host header keep the name. Redirects are not followed: a 3xx reaches the SDK as a failed call.
function send(url: URL, address: Address, init: RequestInit | undefined): Promise<Response> {
  if (init?.body !== undefined && init.body !== null && typeof init.body !== "string") {
    return Promise.reject(new Error("model requests carry JSON text bodies only"));
  }
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: init?.method ?? "GET",
        headers: requestHeaders(init),
        signal: init?.signal ?? undefined,
        // No pooled socket (see egress.ts send): each call connects to the address it vetted.
        agent: false,
        lookup: (_host, options, cb) =>
          options.all ? cb(null, [address] as never, undefined as never) : cb(null, address.address, address.family),
      },
      (res) => {
        const status = res.statusCode ?? 502;
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_MODEL_RESPONSE_BYTES) res.destroy(new Error(`The model's answer exceeded ${MAX_MODEL_RESPONSE_BYTES} bytes.`));
        });
        const body = NULL_BODY_STATUSES.has(status) ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>);
        resolve(new Response(body, { status, headers: responseHeaders(res.headers) }));
      },
    );
    request.on("error", reject);
    request.end(init?.body ?? undefined);
  });
}

/**
 * A fetch for the openai SDK that reaches a project's own endpoint only at a vetted address: every call
 * resolves and checks the host again, and connects to exactly the address it checked.
 */
export const modelEndpointFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
  const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
  return send(url, await vetModelEndpoint(url), init);
};
