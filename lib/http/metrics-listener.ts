// Prometheus scrapes a listener of its own (MYCO_METRICS_HOST:MYCO_METRICS_PORT), never the IDE or app
// origins: a plain node:http server outside Next, so no route, proxy rewrite or tenant code can reach it.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { log, metricsText } from "@/lib/log";

/** A running metrics listener: where it listens, and how to stop it. */
export type MetricsListener = { host: string; port: number; close(): Promise<void> };

const NOT_FOUND = JSON.stringify({ error: { code: "not_found", message: "Only GET /metrics is served here." } });

async function answer(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const pathname = new URL(req.url ?? "/", "http://metrics").pathname;
  if (pathname !== "/metrics" || (req.method !== "GET" && req.method !== "HEAD")) {
    res.writeHead(404, { "content-type": "application/json" }).end(NOT_FOUND);
    return;
  }
  const { contentType, body } = await metricsText();
  res.writeHead(200, { "content-type": contentType, "cache-control": "no-store" });
  res.end(req.method === "HEAD" ? undefined : body);
}

/**
 * Serves GET/HEAD /metrics on `host`:`port` (404 JSON for anything else); port 0 starts nothing. A port
 * already taken (tests and benchmarks run several servers on one machine) is logged as
 * `metrics.listen_failed` and resolves null: the app is served without metrics.
 */
export function startMetricsListener(port: number, host: string): Promise<MetricsListener | null> {
  if (port === 0) return Promise.resolve(null);
  const server = http.createServer((req, res) => {
    answer(req, res).catch((err: unknown) => {
      log.error("metrics.scrape_failed", {}, err);
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end();
    });
  });
  return new Promise((resolve) => {
    server.once("error", (err: NodeJS.ErrnoException) => {
      log.warn("metrics.listen_failed", { host, port, code: err.code ?? null, err: err.message });
      resolve(null);
    });
    server.listen(port, host, () => {
      const bound = (server.address() as AddressInfo).port;
      log.info("metrics.listening", { host, port: bound });
      // Never what keeps the process alive: the app server is.
      server.unref();
      resolve({ host, port: bound, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}
