// A noisy neighbour: one tenant's public /_fn runs a runaway recursive query at high concurrency while
// another tenant's /_fn does a small real query over its own table. The victim is measured alone,
// then under attack, in one run against a real `next start`; the goal is p99(attack) <= 2 x p99(alone).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { percentile, report } from "./measure";
import { load, request, startServer, type BenchServer } from "./server";

const PORT = 3212;
const VICTIM_CONCURRENCY = 4;
const ATTACK_CONCURRENCY = 16;
const SECONDS = 10;
const RUNAWAY = "WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM r) SELECT count(*) FROM r";

const ITEMS_FN = `
type Ctx = { db: { query(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]> } };
export default async function handler(_req: unknown, ctx: Ctx) {
  return ctx.db.query("SELECT id, label FROM items WHERE id > ? ORDER BY id LIMIT 20", [100]);
}
`;
const SEED_FN = `
type Ctx = { db: { exec(sql: string, params?: unknown[]): Promise<unknown> } };
export default async function handler(_req: unknown, ctx: Ctx) {
  for (let i = 0; i < 200; i++) await ctx.db.exec("INSERT INTO items (label) VALUES (?)", ["item " + i]);
  return { seeded: 200 };
}
`;
const SPIN_FN = `
type Ctx = { db: { query(sql: string): Promise<unknown> } };
export default async function handler(_req: unknown, ctx: Ctx) {
  try {
    return await ctx.db.query(${JSON.stringify(RUNAWAY)});
  } catch (err) {
    return { stopped: String(err) };
  }
}
`;

let server: BenchServer;
let victim = "";
let attacker = "";

async function api(token: string, path: string, method: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await request({ port: PORT, host: server.ideHost, path, method, body, token });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.body}`);
  return JSON.parse(res.body) as Record<string, unknown>;
}

async function project(token: string, name: string, files: Record<string, string>, table: boolean): Promise<string> {
  const created = await api(token, "/api/projects", "POST", { name });
  const id = String(created.id);
  if (table) await api(token, `/api/projects/${id}/db/migrations`, "POST", { name: "items", sql: "CREATE TABLE items (id INTEGER PRIMARY KEY, label TEXT NOT NULL)" });
  for (const [path, content] of Object.entries(files)) await api(token, `/api/projects/${id}/files/${path}`, "PUT", { content });
  return String(created.slug);
}

beforeAll(async () => {
  server = await startServer(PORT);
  const email = `bench-noisy-${Date.now()}@example.test`;
  const password = "a long enough password";
  await request({ port: PORT, host: server.ideHost, path: "/api/auth/signup", method: "POST", body: { email, password, name: "Bench" } });
  const token = String((await api("", "/api/tokens", "POST", { name: "bench", email, password })).token);
  victim = await project(token, "Bench victim", { "functions/items.ts": ITEMS_FN, "functions/seed.ts": SEED_FN }, true);
  attacker = await project(token, "Bench attacker", { "functions/spin.ts": SPIN_FN }, false);
  const seeded = await request({ port: PORT, host: server.appHost(victim), path: "/_fn/seed", method: "POST", body: {} });
  expect(JSON.parse(seeded.body)).toEqual({ seeded: 200 });
}, 180_000);

afterAll(() => server?.stop());

/** Loops the attacker's /_fn at `concurrency` until stop() is called; counts answers by status. */
function attack(concurrency: number): { stop(): Promise<Record<string, number>> } {
  let running = true;
  const statuses: Record<string, number> = {};
  const worker = async () => {
    while (running) {
      const res = await request({ port: PORT, host: server.appHost(attacker), path: "/_fn/spin", method: "GET" }).catch(() => ({ status: 0 }));
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    }
  };
  const workers = Promise.all(Array.from({ length: concurrency }, worker));
  return {
    stop: async () => {
      running = false;
      await workers;
      return statuses;
    },
  };
}

describe("noisy neighbour", () => {
  it(`a victim's /_fn (a small query, ${VICTIM_CONCURRENCY} concurrent) alone and while another tenant loops a runaway query (${ATTACK_CONCURRENCY} concurrent)`, async () => {
    const host = server.appHost(victim);
    const first = await request({ port: PORT, host, path: "/_fn/items", method: "GET" });
    expect(JSON.parse(first.body)).toHaveLength(20);
    await load(PORT, host, "/_fn/items", VICTIM_CONCURRENCY, 2);
    const alone = await load(PORT, host, "/_fn/items", VICTIM_CONCURRENCY, SECONDS);
    const attackers = attack(ATTACK_CONCURRENCY);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const attacked = await load(PORT, host, "/_fn/items", VICTIM_CONCURRENCY, SECONDS);
    const attackStatuses = await attackers.stop();
    const figures = (r: Awaited<ReturnType<typeof load>>) => ({
      req_per_s: r.rps,
      p50_ms: percentile(r.latencies, 50),
      p99_ms: percentile(r.latencies, 99),
      errors: r.errors,
      requests: r.requests,
    });
    // A figure made of refusals measures nothing: alone, every call must answer.
    expect(alone.errors).toBe(0);
    report("victim /_fn/items alone", figures(alone));
    report("victim /_fn/items under attack", figures(attacked));
    report("attacker /_fn/spin answers by status", Object.fromEntries(Object.entries(attackStatuses).map(([s, n]) => [`status_${s}`, n])));
    report("noisy neighbour ratio", {
      p99_attack_over_alone: percentile(attacked.latencies, 99) / percentile(alone.latencies, 99),
      rps_attack_over_alone: attacked.rps / alone.rps,
    });
  });
});
