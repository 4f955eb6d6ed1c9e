// Cost as a project grows: the same project taken to 10, 25 and 50 components and functions, 4, 10 and
// 20 tables of 10,000 rows each, through the real server. At each size it prints the full rebuild after
// a commit, how long a commit takes to show the first page in Chromium and what that page ships, a function's latency over a
// 10,000-row table (warm), and the manifest the agent's model receives; then each figure's growth from the
// smallest to the largest size against the growth of the work (≤ 1 is linear or better).
import { chromium, type Browser } from "@playwright/test";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeLlmServer, type FakeLlmServer } from "@/tests/support/model-server";
import { percentile, report, time } from "./measure";
import { request, startServer, type BenchServer } from "./server";

const PORT = 3240;
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
const SIZES = [{ parts: 10, tables: 4 }, { parts: 25, tables: 10 }, { parts: 50, tables: 20 }];
const ROWS = 10_000;

let server: BenchServer;
let model: FakeLlmServer;
let browser: Browser;
let ide: { port: number; host: string };
let token = "";
let project: { id: string; slug: string };

const api = async (method: string, path: string, body?: unknown) => {
  const res = await request({ ...ide, path, method, body, token });
  if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${res.body.slice(0, 300)}`);
  return res.body ? (JSON.parse(res.body) as unknown) : null;
};

const component = (i: number) => `import { useState } from "react";
export default function Part${i}({ label = "Part ${i}" }: { label?: string }) {
  const [open, setOpen] = useState(false);
  return <section><h2>{label} ready</h2><button onClick={() => setOpen(!open)}>{open ? "Hide" : "Show"}</button>{open && <p>Details of part ${i}.</p>}</section>;
}
`;
const fn = (i: number, tables: number) => `export default async function handler(req: { query: Record<string, string> }, ctx: any) {
  const id = Number(req.query.id ?? 5000);
  return ctx.db.query("SELECT * FROM items_${i % tables} WHERE id = ?", [id]);
}
`;
const migration = (t: number) => ({
  name: `items_${t}`,
  sql: `CREATE TABLE items_${t} (id INTEGER PRIMARY KEY, name TEXT NOT NULL, amount REAL NOT NULL, created_at DATETIME NOT NULL);`,
});
// Migrations hold no data statements: the rows go in through a function, one statement per table.
const SEED = `export default async function handler(req: { query: Record<string, string> }, ctx: any) {
  const table = "items_" + Number(req.query.table);
  return ctx.db.exec("INSERT INTO " + table + " (id, name, amount, created_at) SELECT i, 'item ' || i, i * 1.5, '2026-01-01' FROM (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${ROWS}) SELECT i FROM n)");
}
`;
// The first page shows Part0 only; every other part has a page of its own.
const blueprint = (parts: number) => ({
  version: 1,
  name: "Growth",
  routes: Array.from({ length: parts }, (_, i) => ({ path: i === 0 ? "/" : `/part-${i}`, page: `p${i}` })),
  pages: Object.fromEntries(Array.from({ length: parts }, (_, i) => [`p${i}`, { title: `Part ${i}`, body: { id: "root", type: "component", name: `Part${i}` } }])),
});

async function grow(from: { parts: number; tables: number }, to: { parts: number; tables: number }): Promise<void> {
  for (let t = from.tables; t < to.tables; t++) await api("POST", `/api/projects/${project.id}/db/migrations`, migration(t));
  await api("PUT", `/api/projects/${project.id}/files/functions/seed.ts`, { content: SEED });
  for (let t = from.tables; t < to.tables; t++) {
    const seeded = await request({ port: PORT, host: server.appHost(project.slug), path: `/_fn/seed?table=${t}`, method: "POST" });
    if (!seeded.body.includes(`"changes":${ROWS}`)) throw new Error(`seeding items_${t} answered ${seeded.status}: ${seeded.body.slice(0, 300)}`);
  }
  const changes = [];
  for (let i = from.parts; i < to.parts; i++) {
    changes.push({ op: "write", path: `components/Part${i}.tsx`, content: component(i) });
    changes.push({ op: "write", path: `functions/part${i}.ts`, content: fn(i, to.tables) });
  }
  changes.push({ op: "write", path: "app.json", content: JSON.stringify(blueprint(to.parts), null, 2) });
  await api("POST", `/api/projects/${project.id}/changes`, { message: `Grow to ${to.parts} parts`, changes });
  await api("POST", `/api/projects/${project.id}/build`);
}

type Figures = { rebuild_ms: number; commit_to_first_page_ms: number; page_js_gzip_kib: number; page_components: number; fn_p50_ms: number; manifest_kib: number };

const touch = (parts: number) => api("PUT", `/api/projects/${project.id}/files/notes.md`, { content: `notes at ${parts} parts, ${Date.now()}` });

/** From a commit to the first page rendered in Chromium, with what the page loaded (its JS, gzipped, and component bundles). */
async function firstPageAfterCommit(parts: number): Promise<{ ms: number; gzip: number; components: number }> {
  const page = await browser.newPage();
  const scripts: Promise<{ url: string; gzip: number }>[] = [];
  page.on("response", (res) => {
    if (res.request().resourceType() === "script") scripts.push(res.body().then((body) => ({ url: res.url(), gzip: gzipSync(body).length })));
  });
  const ms = await time(async () => {
    await touch(parts);
    await page.goto(`http://${server.appHost(project.slug)}/`);
    await page.getByRole("heading", { name: "Part 0 ready" }).waitFor();
  });
  const loaded = await Promise.all(scripts);
  await page.close();
  return { ms, gzip: loaded.reduce((sum, s) => sum + s.gzip, 0), components: loaded.filter((s) => s.url.includes("/_myco/a/mfe/")).length };
}

async function measure(parts: number): Promise<Figures> {
  // A commit that changes no part: what every later edit pays to rebuild the whole project.
  const rebuild = await time(async () => {
    await touch(parts);
    await api("POST", `/api/projects/${project.id}/build`);
  });
  const first = await firstPageAfterCommit(parts);
  const fnPath = (i: number) => `/_fn/part${i % parts}?id=${1 + i * 97}`;
  for (let i = 0; i < 40; i++) await request({ port: PORT, host: server.appHost(project.slug), path: fnPath(i), method: "GET" });
  const fnTimes: number[] = [];
  for (let i = 0; i < 40; i++) {
    fnTimes.push(await time(async () => expect((await request({ port: PORT, host: server.appHost(project.slug), path: fnPath(i), method: "GET" })).status).toBe(200)));
  }
  model.enqueue({ text: "Noted." });
  const run = await request({ ...ide, path: `/api/projects/${project.id}/agent/runs`, method: "POST", body: { prompt: "What does this app have?" }, token });
  expect(run.body).toContain('"reason":"completed"');
  const system = (model.requests.at(-1)?.body.messages as { role: string; content: string }[] | undefined)?.find((m) => m.role === "system")?.content ?? "";
  return { rebuild_ms: rebuild, commit_to_first_page_ms: first.ms, page_js_gzip_kib: first.gzip / 1024, page_components: first.components, fn_p50_ms: percentile(fnTimes, 50), manifest_kib: Buffer.byteLength(system) / 1024 };
}

beforeAll(async () => {
  model = await startFakeLlmServer();
  server = await startServer(PORT, { AI_BASE_URL: model.baseURL, AI_MODEL: "bench-model", AI_API_KEY: "bench" });
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ARGS });
  ide = { port: PORT, host: server.ideHost };
  const email = `bench-growth-${Date.now()}@example.test`;
  const password = "a long enough password";
  await request({ ...ide, path: "/api/auth/signup", method: "POST", body: { email, password, name: "Bench" } });
  token = JSON.parse((await request({ ...ide, path: "/api/tokens", method: "POST", body: { name: "bench", email, password } })).body).token;
  project = (await api("POST", "/api/projects", { name: "Bench growth" })) as { id: string; slug: string };
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await model?.close();
});

describe("growth", () => {
  it(`cost at ${SIZES.map((s) => s.parts).join(", ")} components and functions, ${SIZES.map((s) => s.tables).join(", ")} tables of ${ROWS} rows`, async () => {
    const results: Figures[] = [];
    let previous = { parts: 0, tables: 0 };
    for (const size of SIZES) {
      await grow(previous, size);
      previous = size;
      const figures = await measure(size.parts);
      results.push(figures);
      report(`project of ${size.parts} components, ${size.parts} functions, ${size.tables} tables × ${ROWS} rows`, figures);
    }
    const [first, last] = [results[0], results.at(-1)];
    const [small, large] = [SIZES[0], SIZES.at(-1)];
    if (!first || !last || !small || !large) throw new Error("no sizes measured");
    const work = large.parts / small.parts;
    const growth = Object.fromEntries(Object.entries(last).map(([k, v]) => [k, v / first[k as keyof Figures] / work]));
    report(`growth from ${small.parts} to ${large.parts} parts, divided by the work's growth (${work}×; ≤ 1 is linear or better)`, growth);
    expect(last.page_components).toBe(1);
  }, 1_800_000);
});
