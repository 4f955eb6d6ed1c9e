// Starts the production build (`next build` ran first: npm run bench does it) on its own port with a
// throw-away data dir, for benchmarks that measure Myco over real HTTP.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import http from "node:http";

export type BenchServer = { port: number; ideHost: string; appHost: (slug: string) => string; stop(): Promise<void> };

// A benchmark is one client measuring the platform's own speed: the rate limits (which it would reach in
// a second) are lifted, so a figure is never a count of 429s.
const NO_LIMITS = JSON.stringify(Object.fromEntries(
  ["writes", "migrations", "queries", "invokes", "builds", "appCalls", "appCallsPerClient", "projects", "tokens", "signUps", "signInAttempts"].map((name) => [name, { limit: 10_000_000 }]),
));

export async function startServer(port: number, env: Record<string, string> = {}): Promise<BenchServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "myco-bench-"));
  const child: ChildProcess = spawn("node", ["--no-node-snapshot", "lib/http/server.mjs"], {
    env: { ...process.env, PORT: String(port), MYCO_DATA_DIR: dataDir, MYCO_URL: `http://localhost:${port}`, MYCO_APPS_URL: `http://{slug}.apps.localhost:${port}`, LOG_LEVEL: "error", NEXT_TELEMETRY_DISABLED: "1", MYCO_METRICS_PORT: "0", MYCO_RATE_LIMITS: NO_LIMITS, ...env },
    stdio: "ignore",
    detached: true,
  });
  for (let i = 0; i < 120; i++) {
    const ok = await request({ port, host: `localhost:${port}`, path: "/api/ready", method: "GET" }).then((r) => r.status === 200, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    port,
    ideHost: `localhost:${port}`,
    appHost: (slug) => `${slug}.apps.localhost:${port}`,
    stop: async () => {
      if (child.pid) process.kill(-child.pid, "SIGTERM");
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** One HTTP request to 127.0.0.1 with an explicit Host (app origins are told apart by Host). */
export function request(opts: { port: number; host: string; path: string; method: string; body?: unknown; token?: string }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    const req = http.request({
      host: "127.0.0.1", port: opts.port, path: opts.path, method: opts.method, agent,
      headers: { host: opts.host, ...(payload && { "content-type": "application/json" }), ...(opts.token && { authorization: `Bearer ${opts.token}` }) },
    }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end(payload);
  });
}

/** Requests/second and latency of `path` at `concurrency` for `seconds`. */
export async function load(port: number, host: string, path: string, concurrency: number, seconds: number) {
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const started = performance.now();
      const res = await request({ port, host, path, method: "GET" }).catch(() => ({ status: 0, body: "" }));
      if (res.status !== 200) errors += 1;
      latencies.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { requests: latencies.length, errors, rps: latencies.length / seconds, latencies };
}
