import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { percentile, report, time } from "./measure";
import { request, startServer, type BenchServer } from "./server";

const run = promisify(execFile);
const PORT = 3220;
let server: BenchServer;
let ide: { port: number; host: string };
let token = "";
let project: { id: string; slug: string };

const counter = (label: string) => `import { useState } from "react";
export default function Counter() {
  const [n, setN] = useState(0);
  return <button onClick={() => setN(n + 1)}>${label} {n}</button>;
}
`;

beforeAll(async () => {
  server = await startServer(PORT);
  ide = { port: PORT, host: server.ideHost };
  const email = `bench-mfe-${Date.now()}@example.test`;
  const password = "a long enough password";
  await request({ ...ide, path: "/api/auth/signup", method: "POST", body: { email, password, name: "Bench" } });
  token = JSON.parse((await request({ ...ide, path: "/api/tokens", method: "POST", body: { name: "bench", email, password } })).body).token;
  project = JSON.parse((await request({ ...ide, path: "/api/projects", method: "POST", body: { name: "Bench mfe" }, token })).body);
}, 120_000);

afterAll(() => server?.stop());

async function servedCounterUrl(): Promise<string | undefined> {
  const shell = await request({ port: PORT, host: server.appHost(project.slug), path: "/", method: "GET" });
  const boot = /<script id="myco-boot" type="application\/json">(.*?)<\/script>/.exec(shell.body)?.[1] ?? "{}";
  return (JSON.parse(boot) as { components?: Record<string, string> }).components?.Counter;
}

describe("micro-frontends", () => {
  it("time from a component write to its new bundle being served, against vite build of the same component", async () => {
    const served: number[] = [];
    for (let i = 0; i < 8; i++) {
      const before = await servedCounterUrl();
      served.push(await time(async () => {
        await request({ ...ide, path: `/api/projects/${project.id}/files/components/Counter.tsx`, method: "PUT", body: { content: counter(`v${i}`) }, token });
        for (;;) {
          const url = await servedCounterUrl();
          if (url && url !== before && (await request({ port: PORT, host: server.appHost(project.slug), path: url, method: "GET" })).status === 200) return;
        }
      }));
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "myco-vite-"));
    fs.writeFileSync(path.join(dir, "vite.config.mjs"), 'export default { logLevel: "silent", build: { outDir: "out", emptyOutDir: true, minify: true, lib: { entry: "Counter.tsx", formats: ["es"], fileName: "counter" }, rollupOptions: { external: ["react", "react/jsx-runtime"] } } };');
    const vite: number[] = [];
    for (let i = 0; i < 8; i++) {
      fs.writeFileSync(path.join(dir, "Counter.tsx"), counter(`v${i}`));
      // NODE_ENV=production as in any real build (vitest sets "test", which would pick React's dev JSX runtime).
      const env = { ...process.env, NODE_ENV: "production" as const };
      vite.push(await time(() => run(path.join(process.cwd(), "node_modules/.bin/vite"), ["build", "--config", "vite.config.mjs"], { cwd: dir, env })));
    }
    expect(fs.readdirSync(path.join(dir, "out"))).toHaveLength(1);
    report("component write → new bundle served (PUT, rebuild, shell + bundle over HTTP)", { p50_ms: percentile(served, 50), max_ms: Math.max(...served), runs: served.length });
    report("vite build of the same component (CLI, one build)", { p50_ms: percentile(vite, 50), max_ms: Math.max(...vite), runs: vite.length });
  });

  it("JavaScript a hosted page ships", async () => {
    const app = server.appHost(project.slug);
    const shell = (await request({ port: PORT, host: app, path: "/", method: "GET" })).body;
    const importMap = JSON.parse(/<script type="importmap">(.*?)<\/script>/.exec(shell)?.[1] ?? "{}") as { imports: Record<string, string> };
    const runtime = /<script type="module" src="([^"]+)"/.exec(shell)?.[1] ?? "";
    const boot = JSON.parse(/<script id="myco-boot" type="application\/json">(.*?)<\/script>/.exec(shell)?.[1] ?? "{}") as { components: Record<string, string> };
    const urls = new Set([runtime, ...Object.values(importMap.imports), ...Object.values(boot.components)]);
    for (const url of [...urls]) {
      const body = (await request({ port: PORT, host: app, path: url, method: "GET" })).body;
      for (const m of body.matchAll(/from\s*"(\/_myco\/a\/[^"]+)"/g)) if (m[1]) urls.add(m[1]);
    }
    let raw = 0;
    let gzip = 0;
    for (const url of urls) {
      const body = (await request({ port: PORT, host: app, path: url, method: "GET" })).body;
      raw += Buffer.byteLength(body);
      gzip += gzipSync(body).length;
    }
    report("JS a hosted page ships (runtime, React vendor, SDK, page components)", { files: urls.size, raw_kib: raw / 1024, gzip_kib: gzip / 1024 });
  });
});
