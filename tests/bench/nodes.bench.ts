// Writes to one project, side by side in one run over real HTTP against the production build: one node on
// the embedded defaults (in-process coordination), one node on PostgreSQL (advisory locks), and two nodes
// on one PostgreSQL and one data folder, the writes spread over both. Skipped without a PostgreSQL.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { percentile, report } from "./measure";
import { request, startServer, type BenchServer } from "./server";

const ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
const WRITES = 100;
const [EMBEDDED, A, B] = [3421, 3422, 3423];

async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2_000 });
  return client.connect().then(() => client.end().then(() => true), () => false);
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

const available = await postgresAnswers();
const database = `myco_bench_${randomBytes(5).toString("hex")}`;
const shared = fs.mkdtempSync(path.join(os.tmpdir(), "myco-bench-nodes-"));
const servers: BenchServer[] = [];

async function signIn(server: BenchServer): Promise<string> {
  const email = `bench-${randomBytes(4).toString("hex")}@example.test`;
  const password = "a long enough password";
  await request({ port: server.port, host: server.ideHost, path: "/api/auth/signup", method: "POST", body: { email, password, name: "Bench" } });
  const token = await request({ port: server.port, host: server.ideHost, path: "/api/tokens", method: "POST", body: { name: "b", email, password } });
  return JSON.parse(token.body).token;
}

/** `WRITES` concurrent file writes to one new project, the i-th through ports[i % ports.length]: writes/s and latency. */
async function writeBurst(ports: number[], ideHost: string, token: string) {
  const project = JSON.parse((await request({ port: ports[0]!, host: ideHost, path: "/api/projects", method: "POST", body: { name: "Burst" }, token })).body);
  const latencies: number[] = [];
  const started = performance.now();
  const statuses = await Promise.all(Array.from({ length: WRITES }, async (_, i) => {
    const t = performance.now();
    const res = await request({ port: ports[i % ports.length]!, host: ideHost, path: `/api/projects/${project.id}/files/notes/n-${i}.md`, method: "PUT", body: { content: `${i}\n` }, token });
    latencies.push(performance.now() - t);
    return res.status;
  }));
  const seconds = (performance.now() - started) / 1000;
  expect(statuses.filter((s) => s !== 200)).toEqual([]);
  return { perSecond: WRITES / seconds, p50: percentile(latencies, 50), p95: percentile(latencies, 95) };
}

describe.skipIf(!available)("writes to one project on one node and on two", () => {
  beforeAll(async () => {
    await admin(`CREATE DATABASE "${database}"`);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${database}`;
    const env = { DATABASE_URL: url.toString(), MYCO_DATA_DIR: shared, AUTH_SECRET: "bench-nodes-auth-secret-0123456789abcdef", MYCO_SECRETS_KEY: Buffer.alloc(32, 3).toString("base64"), MYCO_URL: `http://localhost:${A}` };
    servers.push(await startServer(EMBEDDED), await startServer(A, env), await startServer(B, env));
  }, 240_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    fs.rmSync(shared, { recursive: true, force: true });
  });

  it("prints writes per second for each deployment", async () => {
    const [embedded, a] = servers as [BenchServer, BenchServer, BenchServer];
    const one = await writeBurst([EMBEDDED], embedded.ideHost, await signIn(embedded));
    const token = await signIn(a);
    const onPg = await writeBurst([A], a.ideHost, token);
    const two = await writeBurst([A, B], a.ideHost, token);
    report("writes to one project, 100 concurrent, one embedded node", { writesPerSec: one.perSecond, p50Ms: one.p50, p95Ms: one.p95 });
    report("writes to one project, 100 concurrent, one node on PostgreSQL", { writesPerSec: onPg.perSecond, p50Ms: onPg.p50, p95Ms: onPg.p95, vsEmbedded: onPg.perSecond / one.perSecond });
    report("writes to one project, 100 concurrent, two nodes on PostgreSQL", { writesPerSec: two.perSecond, p50Ms: two.p50, p95Ms: two.p95, vsOneNode: two.perSecond / onPg.perSecond });
  }, 600_000);
});
