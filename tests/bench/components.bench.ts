import { execFile } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { percentile, report, time } from "./measure";
import { request, startServer, type BenchServer } from "./server";

const run = promisify(execFile);
const PORT = 3220;
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
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

// The least JavaScript any React 19 page ships: a counter app with createRoot, bundled and minified by
// esbuild for production. A hosted page's weight is read against it.
async function reactFloorGzipBytes(): Promise<number> {
  const app = `import { useState } from "react";
import { createRoot } from "react-dom/client";
function Counter() {
  const [n, setN] = useState(0);
  return <button onClick={() => setN(n + 1)}>{n}</button>;
}
createRoot(document.getElementById("root")).render(<Counter />);
`;
  const result = await build({
    stdin: { contents: app, loader: "jsx", resolveDir: process.cwd() }, bundle: true, minify: true, format: "esm", jsx: "automatic",
    platform: "browser", define: { "process.env.NODE_ENV": '"production"' }, write: false, logLevel: "silent",
  });
  return gzipSync(result.outputFiles[0]?.contents ?? new Uint8Array()).length;
}

type StreamEvent = { event: string; data: { name?: string; url?: string; errors?: unknown[]; sha?: string; hot?: boolean } };

// The project's preview stream, as the builder follows it: every event kept, in order, until closed.
function openPreviewStream(): { next(event: string): Promise<StreamEvent>; close(): void } {
  const events: StreamEvent[] = [];
  let wake: () => void = () => undefined;
  const req = http.get({
    host: "127.0.0.1", port: PORT, path: `/api/projects/${project.id}/head`,
    headers: { host: ide.host, accept: "text/event-stream", authorization: `Bearer ${token}` },
  }, (res) => {
    let text = "";
    res.setEncoding("utf8");
    res.on("data", (chunk: string) => {
      const blocks = (text += chunk).split("\n\n");
      text = blocks.pop() ?? "";
      for (const block of blocks.filter((b) => !b.startsWith(":"))) {
        events.push({ event: /^event: (.*)$/m.exec(block)?.[1] ?? "", data: JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? "{}") as StreamEvent["data"] });
        wake();
      }
    });
  });
  return {
    async next(event) {
      for (;;) {
        const index = events.findIndex((e) => e.event === event);
        if (index >= 0) return events.splice(0, index + 1).at(-1)!;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
    close: () => req.destroy(),
  };
}

describe("micro-frontends", () => {
  it("time from a component write to the preview's new bundle, against vite build of the same component", async () => {
    const stream = openPreviewStream();
    await stream.next("head");
    const toPreview: number[] = [];
    for (let i = 0; i < 8; i++) {
      let put: Promise<unknown> = Promise.resolve();
      toPreview.push(await time(async () => {
        // The preview is told while the PUT is still committing: its answer is not what the preview waits for.
        put = request({ ...ide, path: `/api/projects/${project.id}/files/components/Counter.tsx`, method: "PUT", body: { content: counter(`v${i}`) }, token });
        const swap = await stream.next("component");
        expect(swap.data).toMatchObject({ name: "Counter", url: expect.stringMatching(/^\/_myco\/a\//) });
        expect((await request({ port: PORT, host: server.appHost(project.slug), path: swap.data.url ?? "", method: "GET" })).status).toBe(200);
      }));
      // Outside the timing: the commit's own builds settle before the next edit, and it needs no reload.
      await put;
      expect((await stream.next("commit")).data.hot).toBe(true);
    }
    stream.close();
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
    report("component write → preview told and new bundle served (PUT sent, hot rebuild, `component` SSE event, bundle over HTTP)", { p50_ms: percentile(toPreview, 50), max_ms: Math.max(...toPreview), runs: toPreview.length });
    report("vite build of the same component (CLI, one build)", { p50_ms: percentile(vite, 50), max_ms: Math.max(...vite), runs: vite.length });
    report("edit to preview against vite build (target ≤ 0.25)", { edit_to_preview_p50_over_vite_build_p50: percentile(toPreview, 50) / percentile(vite, 50) });
  });

  it("JavaScript a hosted page ships, in Chromium, against React's own floor", async () => {
    // The first page shows two of the app's components; a second page has a table and a form, whose
    // code the first page must not download.
    const blueprint = {
      version: 1, name: "Bench page",
      routes: [{ path: "/", page: "home" }, { path: "/orders", page: "orders" }],
      pages: {
        home: { title: "Home", body: { id: "root", type: "stack", children: [
          { id: "title", type: "heading", text: "Bench page" },
          { id: "welcome", type: "component", name: "Welcome", props: { name: "bench" } },
          { id: "counter", type: "component", name: "Counter" },
        ] } },
        orders: { title: "Orders", body: { id: "root", type: "stack", children: [
          { id: "table", type: "table", data: { function: "hello" }, columns: [{ key: "message", label: "Message" }] },
          { id: "form", type: "form", fields: [{ name: "note", label: "Note" }], onSubmit: [{ action: "message", text: "Saved" }] },
        ] } },
      },
    };
    for (const [file, content] of [["components/Counter.tsx", counter("bench")], ["app.json", JSON.stringify(blueprint)]]) {
      const written = await request({ ...ide, path: `/api/projects/${project.id}/files/${file}`, method: "PUT", body: { content }, token });
      expect(written.status).toBe(200);
    }
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ARGS });
    const page = await browser.newPage();
    const scripts: Promise<{ url: string; raw: number; gzip: number }>[] = [];
    const styles: Promise<{ url: string; raw: number; gzip: number }>[] = [];
    page.on("response", (res) => {
      const list = { script: scripts, stylesheet: styles }[res.request().resourceType()];
      list?.push(res.body().then((body) => ({ url: res.url(), raw: body.length, gzip: gzipSync(body).length })));
    });
    const sum = (list: { raw: number; gzip: number }[]) => ({ files: list.length, raw_kib: list.reduce((t, s) => t + s.raw, 0) / 1024, gzip_kib: list.reduce((t, s) => t + s.gzip, 0) / 1024 });
    await page.goto(`http://${server.appHost(project.slug)}/`);
    await page.getByText("Welcome, bench.").waitFor();
    await page.locator("[data-component=Counter]").getByRole("button").waitFor();
    // What the first page needed to render, and all it fetched by the time the network idled.
    const firstScripts = await Promise.all(scripts);
    const firstPage = sum(firstScripts);
    await page.waitForLoadState("networkidle");
    const afterIdle = sum(await Promise.all(scripts));
    await browser.close();
    const floor = await reactFloorGzipBytes();
    report("JS the first page needs (every script Chromium fetched until it rendered: runtime, React, 2 components)", firstPage);
    report("  its files, gzip bytes each", Object.fromEntries(firstScripts.map((s) => [new URL(s.url).pathname.replace(/^\/_myco\/a\//, "").slice(0, 18), s.gzip])));
    report("CSS the first page needs (stylesheets, not counted as JS)", sum(await Promise.all(styles)));
    report("JS once the network idled (nothing for the other page's table and form until it is visited)", afterIdle);
    report("React 19 floor (esbuild-minified counter app with createRoot)", { gzip_kib: floor / 1024, first_page_to_floor_ratio: (firstPage.gzip_kib * 1024) / floor });
  }, 120_000);
});
