import { z } from "zod";
import { parseJsonText, readBodyText } from "@/lib/security";
import type { InvokeRequest, InvokeResult } from "./runtime";
import { httpStatusOf } from "./run-function";

const MAX_BODY_BYTES = 1024 * 1024;
// Never handed to tenant code: the browser's cookies, the visitor's address in any header proxies and
// CDNs put it in, and the platform's own routing headers: the x-myco-* ones the server stamps (the peer
// address header's name is a per-process secret), Next's x-middleware-*, and the x-forwarded-* ones
// Next adds when a client sent none (a call it routes and one server.mjs answers directly must look
// the same to the function).
const DROPPED_REQUEST_HEADERS = new Set(["cookie", "authorization", "x-real-ip", "forwarded", "true-client-ip", "cf-connecting-ip", "fastly-client-ip", "x-nonce"]);
const DROPPED_PREFIXES = ["x-myco-", "x-forwarded-", "x-middleware-"];
const isDropped = (name: string) => DROPPED_REQUEST_HEADERS.has(name) || DROPPED_PREFIXES.some((prefix) => name.startsWith(prefix));
// Never taken from tenant code: headers that would let a function act for the platform or the browser.
// Hop-by-hop headers are the server's: a tenant's Keep-Alive would outlast the server's own socket
// timeout in a proxy in front, and a Trailer cannot go with the Content-Length the server sends.
const DROPPED_RESPONSE_HEADERS = /^(set-cookie|content-security-policy|strict-transport-security|access-control-.*|x-frame-options|cross-origin-.*|content-length|transfer-encoding|connection|keep-alive|trailer|te|upgrade|proxy-connection)$/i;

/** The builder's test request for a function: what `req` will hold. */
export const InvokeInput = z.strictObject({
  method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]).default("POST"),
  path: z.string().max(2000).default("/"),
  query: z.record(z.string().max(200), z.string().max(4000)).default({}),
  headers: z.record(z.string().max(200), z.string().max(4000)).default({}),
  body: z.unknown().optional(),
});
export type InvokeInput = z.infer<typeof InvokeInput>;

/** An InvokeRequest from the builder's description of one. */
export function requestFromInput(input: InvokeInput): InvokeRequest {
  return { method: input.method, path: input.path, query: input.query, headers: input.headers, body: input.body ?? null };
}

/**
 * An InvokeRequest from a real HTTP request to /_fn/<name>/<path…>. The body is bounded and must be
 * UTF-8 text (binary travels base64-encoded); a JSON body is parsed under the same rules as the IDE
 * API's, so a function never sees JSON nested deeper than 64 levels or a string with a NUL or an
 * unpaired surrogate. Any other body is handed over as the text it is.
 */
export async function requestFromHttp(req: Request, subPath: string): Promise<InvokeRequest> {
  const url = new URL(req.url);
  const text = req.method === "GET" || req.method === "HEAD" ? "" : await readBodyText(req, MAX_BODY_BYTES);
  let body: unknown = text === "" ? null : text;
  if (text !== "" && /^application\/json\b/i.test(req.headers.get("content-type") ?? "")) body = parseJsonText(text);
  const headers = Object.fromEntries([...req.headers].filter(([k]) => !isDropped(k.toLowerCase())));
  return { method: req.method, path: subPath || "/", query: Object.fromEntries(url.searchParams), headers, body };
}

/** The HTTP response of an invocation on the app's origin: the function's own, or a JSON error. */
export function responseFromResult(result: InvokeResult, invocationId: string): Response {
  const base = { "x-myco-invocation": invocationId, "cache-control": "no-store" };
  if (!result.ok) {
    return Response.json({ error: result.error }, { status: httpStatusOf(result.error.code), headers: base });
  }
  const headers: Record<string, string> = { "content-type": "application/json; charset=utf-8" };
  for (const [k, v] of Object.entries(result.headers)) if (!DROPPED_RESPONSE_HEADERS.test(k)) headers[k.toLowerCase()] = v;
  const isText = typeof result.body === "string" && !headers["content-type"]?.includes("json");
  const payload = isText ? (result.body as string) : JSON.stringify(result.body ?? null);
  const bodiless = result.status === 204 || result.status === 205 || result.status === 304;
  return new Response(bodiless ? null : payload, { status: result.status, headers: { ...headers, ...base } });
}
