// The app origins' function calls, /_fn/<name>/<path…>, answered by lib/http/server.mjs straight from
// the socket, past Next's router. Under Next a call paid for proxy.ts, the rewrite into /apps-host and a
// second route resolution, the app-route template and the web-stream adapters: ~60% of the server's
// CPU per call. Here the same handler (the route file's, with route()'s checks, limits and logging)
// gets the params Next would have given it.
// Only a request Next would route to that handler with exactly these params is taken: an app Host, a
// method the route exports (HEAD and OPTIONS are Next's), and a path with no %-escape, no empty or dot
// segment and no trailing slash. Anything else goes to Next unchanged, proxy.ts's checks included.
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { log } from "@/lib/log";
import { classifyHost } from "@/lib/security";
import { errorResponse } from "./respond";

type AppFunctionHandler = (req: Request, ctx: { params: Promise<Record<string, string | string[] | undefined>> }) => Promise<Response>;

/** What server.mjs calls first for each request: true if it took the request (then it never throws). */
export type DirectRoute = (req: IncomingMessage, res: ServerResponse) => boolean;

// Registered under a symbol server.mjs reads: by the route file's own copy of this module, so the
// handler runs with the same module state (caches, limits) as every other route handler.
const DIRECT_ROUTE = Symbol.for("myco.http.directAppFunctions");
const METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE"]);
const FUNCTION_PATH = /^\/_fn((?:\/[A-Za-z0-9\-._~!$&'()*+,;=:@]+)+)$/;

/** The `[name, ...path]` segments of a /_fn path Next would route unchanged, or undefined. */
function functionSegments(pathname: string): string[] | undefined {
  const match = FUNCTION_PATH.exec(pathname);
  if (!match?.[1]) return undefined;
  const segments = match[1].slice(1).split("/");
  return segments.some((s) => s === "." || s === "..") ? undefined : segments;
}

/** A web Request for the handler, as Next gives it: the URL the visitor asked for, the body as a stream. */
function webRequest(req: IncomingMessage, url: string, signal: AbortSignal): Request {
  // req.headers, not rawHeaders: server.mjs stamps the socket's address there under its secret name.
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const one of Array.isArray(value) ? value : [value ?? ""]) headers.append(name, one);
  }
  const hasBody = req.method !== "GET";
  return new Request(`http://${req.headers.host}${url}`, {
    method: req.method,
    headers,
    signal,
    ...(hasBody && { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: "half" }),
  } as RequestInit);
}

/**
 * Writes the handler's answer in one piece (a function's result is bounded, and never a stream). A
 * body the handler did not read (refused before it: 404, 429) is not drained: the connection closes.
 */
async function send(response: Response, res: ServerResponse): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of response.headers) {
    const had = headers[name];
    headers[name] = had === undefined ? value : [...(Array.isArray(had) ? had : [had]), value];
  }
  const body = response.body ? Buffer.from(await response.arrayBuffer()) : undefined;
  if (body) headers["content-length"] = String(body.length);
  if (!res.req.complete) headers.connection = "close";
  res.writeHead(response.status, headers);
  res.end(body);
}

function directRoute(handler: AppFunctionHandler): DirectRoute {
  return (req, res) => {
    if (!METHODS.has(req.method ?? "") || !req.url?.startsWith("/_fn/")) return false;
    const url = req.url;
    const queryAt = url.indexOf("?");
    const pathname = queryAt < 0 ? url : url.slice(0, queryAt);
    const host = classifyHost(req.headers.host ?? null);
    const segments = host.kind === "app" ? functionSegments(pathname) : undefined;
    if (host.kind !== "app" || !segments) return false;
    const [name, ...rest] = segments;
    const params = { slug: host.slug, env: host.env, name, ...(rest.length > 0 && { path: rest }) };
    const gone = new AbortController();
    res.once("close", () => res.writableFinished || gone.abort());
    void Promise.resolve()
      .then(() => handler(webRequest(req, url, gone.signal), { params: Promise.resolve(params) }))
      .then((response) => send(response, res))
      .catch((err: unknown) => {
        // route() answers every failure of the call itself: this is the answer failing to be written.
        log.warn("http.direct_send_failed", { path: pathname, err: err instanceof Error ? err.message : String(err) });
        if (res.headersSent || res.destroyed) return res.destroy();
        for (const name of res.getHeaderNames()) res.removeHeader(name);
        return send(errorResponse("internal", "The function's answer could not be sent."), res).catch(() => res.destroy());
      });
    return true;
  };
}

/** Called by the /_fn route file with its handler: from then on server.mjs answers such calls itself. */
export function serveAppFunctionsDirectly(handler: AppFunctionHandler): void {
  (globalThis as typeof globalThis & Record<symbol, DirectRoute>)[DIRECT_ROUTE] = directRoute(handler);
}
