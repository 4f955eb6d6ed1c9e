// Myco's HTTP server (`npm start`, `npm run serve`): Next.js's production server behind a plain Node
// http server, for what `next start` cannot give: the address of the socket a request came in on, and a
// JSON answer to the methods Next cannot even represent.
// Next keeps any X-Forwarded-For a client sends, so rate limits per client could be dodged by making one
// up. Here every request carries the socket's address in a header whose name is random per process
// (handed to lib/config as MYCO_PEER_HEADER), so no client can forge or even name it.
// Plain JS run by node, like Next's own CLI; it reads only PORT and listens on every interface, as
// `next start` does.
import http from "node:http";
import { randomBytes } from "node:crypto";

process.env.NODE_ENV = "production";
const peerHeader = `x-myco-peer-${randomBytes(16).toString("hex")}`;
process.env.MYCO_PEER_HEADER = peerHeader;
const port = Number(process.env.PORT ?? 3000);
const SHUTDOWN_GRACE_MS = 5_000;
// undici's Request refuses the "forbidden" methods TRACE and TRACK, so Next would fail to build the
// request it hands proxy.ts and answer a bare 500: they get the JSON 405 every other refused method gets.
const UNBUILDABLE_METHODS = new Set(["TRACE", "TRACK"]);
const ALLOW = "GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE";

function refuseMethod(req, res) {
  const body = JSON.stringify({ error: { code: "method_not_allowed", message: `Myco does not answer ${req.method}.`, field: "method" } });
  res.writeHead(405, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", allow: ALLOW });
  res.end(body);
}

const { default: next } = await import("next");
const app = next({ dev: false, dir: process.cwd(), port, hostname: "localhost" });
const handle = app.getRequestHandler();
await app.prepare();

// The app origins' function calls, once the /_fn route file has registered its handler under this
// symbol (lib/http/direct-app-functions.ts): it takes only the calls Next would route to it unchanged.
const DIRECT_ROUTE = Symbol.for("myco.http.directAppFunctions");

const server = http.createServer((req, res) => {
  if (UNBUILDABLE_METHODS.has(req.method ?? "")) return refuseMethod(req, res);
  req.headers[peerHeader] = req.socket.remoteAddress ?? "";
  if (globalThis[DIRECT_ROUTE]?.(req, res)) return;
  void handle(req, res);
});
server.listen(port, () => process.stdout.write(`Myco is serving on http://localhost:${port}\n`));

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.once(signal, () => {
    // Open event streams would keep close() waiting for ever: give requests a moment, then go.
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref();
  });
}
