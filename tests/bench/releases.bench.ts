// Deploy, rollback and a full rebuild of the same release, side by side in one run, over real HTTP
// against the production build: how long until prod serves the new (or old) release, and how much of
// a rollback is the server's own work.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { percentile, report, time } from "./measure";
import { request, startServer, type BenchServer } from "./server";

const PORT = 3412;
let server: BenchServer;
let token = "";

beforeAll(async () => {
  server = await startServer(PORT);
}, 120_000);
afterAll(() => server.stop());

async function api(method: string, path: string, body?: unknown) {
  const res = await request({ port: PORT, host: server.ideHost, path, method, body, token });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.body}`);
  return res.body ? JSON.parse(res.body) : undefined;
}

const COMPONENT = (n: number, label: string) => `export default function Card${n}() {\n  return <p>${label} ${n}</p>;\n}\n`;

/** A project with components, functions and a table: what a release of a real app holds. */
async function app(name: string) {
  const project = await api("POST", "/api/projects", { name });
  const p = `/api/projects/${project.id}`;
  await api("POST", `${p}/db/migrations`, { name: "items", sql: "CREATE TABLE items (id INTEGER PRIMARY KEY, label TEXT)" });
  const changes = [
    ...Array.from({ length: 5 }, (_, n) => ({ op: "write", path: `components/Card${n}.tsx`, content: COMPONENT(n, "v1") })),
    ...Array.from({ length: 5 }, (_, n) => ({ op: "write", path: `functions/items${n}.ts`, content: `export default async (req: any, ctx: any) => ctx.db.query("SELECT * FROM items LIMIT ${n + 1}");\n` })),
  ];
  await api("POST", `${p}/changes`, { message: "The app", changes });
  return { id: project.id as string, slug: project.slug as string, p };
}

/** ms until the environment's page boots with `components[Card0]` equal to `url`. */
async function servedWithin(slug: string, env: string, url: string, started: number): Promise<number> {
  for (;;) {
    const page = await request({ port: PORT, host: `${slug}--${env}.apps.localhost:${PORT}`, path: "/", method: "GET" });
    if (page.body.includes(url)) return performance.now() - started;
  }
}

describe("releases", () => {
  it("deploy and rollback until served, against a full rebuild of the same release", async () => {
    const email = `bench-${Date.now()}@example.test`;
    await request({ port: PORT, host: server.ideHost, path: "/api/auth/signup", method: "POST", body: { email, password: "a long enough password", name: "Bench" } });
    token = JSON.parse((await request({ port: PORT, host: server.ideHost, path: "/api/tokens", method: "POST", body: { name: "b", email, password: "a long enough password" } })).body).token;
    const a = await app("Released");
    const v1 = await api("POST", `${a.p}/releases`, {});
    const first = await api("POST", `${a.p}/deployments`, { releaseId: v1.id, env: "prod" });
    await api("PUT", `${a.p}/files/components/Card0.tsx`, { content: COMPONENT(0, "v2") });
    await api("POST", `${a.p}/db/migrations`, { name: "tags", sql: "ALTER TABLE items ADD COLUMN tag TEXT" });
    const v2 = await api("POST", `${a.p}/releases`, {});
    const urlOf = (release: { artifacts: { kind: string; name: string; contentHash: string }[] }) =>
      `/_myco/a/mfe/${release.artifacts.find((x) => x.kind === "mfe" && x.name === "Card0")?.contentHash}.js`;

    let started = performance.now();
    const second = await api("POST", `${a.p}/deployments`, { releaseId: v2.id, env: "prod" });
    const deployServed = await servedWithin(a.slug, "prod", urlOf(v2), started);

    const rollbackMs: number[] = [];
    const servedMs: number[] = [];
    for (let i = 0; i < 10; i++) {
      const [target, release] = i % 2 === 0 ? [first, v1] : [second, v2];
      started = performance.now();
      rollbackMs.push(await time(() => api("POST", `${a.p}/environments/prod/rollback`, { deploymentId: target.id })));
      servedMs.push(await servedWithin(a.slug, "prod", urlOf(release), started));
    }

    const fresh = await app("Rebuilt");
    await api("PUT", `${fresh.p}/files/components/Card0.tsx`, { content: COMPONENT(0, "v2") });
    await api("POST", `${fresh.p}/db/migrations`, { name: "tags", sql: "ALTER TABLE items ADD COLUMN tag TEXT" });
    const rebuildMs = await time(() => api("POST", `${fresh.p}/releases`, {}));
    expect(deployServed).toBeGreaterThan(0);

    const rollbackP50 = percentile(rollbackMs, 50);
    report("release deploy → served on prod", { ms: deployServed });
    report("rollback request (server work, no rebuild)", { p50_ms: rollbackP50, max_ms: Math.max(...rollbackMs), runs: rollbackMs.length });
    report("rollback → old release served on prod", { p50_ms: percentile(servedMs, 50), max_ms: Math.max(...servedMs) });
    report("full rebuild of the same release (cold: 5 components, 5 functions, 2 migrations)", { ms: rebuildMs });
    report("rollback vs rebuild", { ratio: rollbackP50 / rebuildMs, deploy_vs_rebuild: deployServed / rebuildMs });
  });
});
