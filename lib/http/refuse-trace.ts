import http from "node:http";
import { STATUS_BY_CODE } from "@/lib/errors";

// undici's Request refuses the "forbidden" methods TRACE and TRACK, so Next fails to build the request
// it hands proxy.ts and answers a bare 500 before any Myco code runs. They are answered here instead,
// at the server's request event, with the JSON 405 every other refused method gets. (CONNECT never
// becomes a request event: Node closes the socket when nothing listens for it.)
const UNBUILDABLE_METHODS = new Set(["TRACE", "TRACK"]);
const ALLOW = "GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE";
let installed = false;

/** Makes every HTTP server of this process answer TRACE and TRACK with a JSON 405 (once, at start-up). */
export function refuseTrace(): void {
  if (installed) return;
  installed = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
    if (event !== "request" || !UNBUILDABLE_METHODS.has(req.method ?? "")) return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
    const body = JSON.stringify({ error: { code: "method_not_allowed", message: `Myco does not answer ${req.method}.`, field: "method" } });
    res.writeHead(STATUS_BY_CODE.method_not_allowed, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", allow: ALLOW });
    res.end(body);
    return true;
  };
}
