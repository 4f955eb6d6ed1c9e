import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { percentile, report } from "./measure";
import { load, request, startServer, type BenchServer } from "./server";

const PORT = 3210;
const CONCURRENCY = 16;
const SECONDS = 8;
let server: BenchServer;
let slug = "";

beforeAll(async () => {
  server = await startServer(PORT);
  const ide = { port: PORT, host: server.ideHost };
  const email = `bench-${Date.now()}@example.test`;
  const password = "a long enough password";
  await request({ ...ide, path: "/api/auth/signup", method: "POST", body: { email, password, name: "Bench" } });
  const token = JSON.parse((await request({ ...ide, path: "/api/tokens", method: "POST", body: { name: "bench", email, password } })).body).token as string;
  slug = JSON.parse((await request({ ...ide, path: "/api/projects", method: "POST", body: { name: "Bench hello" }, token })).body).slug as string;
}, 120_000);

afterAll(() => server?.stop());

describe("HTTP", () => {
  it(`throughput of /_fn/hello against a bare JSON route (${CONCURRENCY} concurrent, ${SECONDS} s each)`, async () => {
    const app = server.appHost(slug);
    const first = await request({ port: PORT, host: app, path: "/_fn/hello", method: "GET" });
    expect(JSON.parse(first.body)).toEqual({ message: "Hello, world!" });
    await load(PORT, app, "/_fn/hello", CONCURRENCY, 2);
    await load(PORT, server.ideHost, "/api/health", CONCURRENCY, 2);
    const fn = await load(PORT, app, "/_fn/hello", CONCURRENCY, SECONDS);
    const bare = await load(PORT, server.ideHost, "/api/health", CONCURRENCY, SECONDS);
    for (const [name, r] of [["GET /_fn/hello (isolate, logged)", fn], ["GET /api/health (bare Next.js JSON route)", bare]] as const) {
      report(name, { req_per_s: r.rps, p50_ms: percentile(r.latencies, 50), p99_ms: percentile(r.latencies, 99), errors: r.errors });
    }
    report("function over bare route (req/s of /_fn/hello / req/s of /api/health)", { ratio: fn.rps / bare.rps });
  });
});
