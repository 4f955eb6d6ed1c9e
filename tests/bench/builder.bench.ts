// The builder in Chromium against the production build: the JavaScript a project page loads before
// anything is opened (gzip, as served), and the time from Ctrl+S in the code editor to the preview
// showing the change, beside the server's own floor (the same write through the API until the app's
// function answers with it), in one run.
import { gzipSync } from "node:zlib";
import { chromium, type Browser, type Page } from "@playwright/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { percentile, report, time } from "./measure";
import { request, startServer, type BenchServer } from "./server";

const PORT = 3413;
const PASSWORD = "a long enough password";
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
const WORDS = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf"];
const ITEMS = (name: string) => `export default async function handler() {\n  return [{ name: "${name}" }];\n}\n`;
const APP = {
  version: 1, name: "Bench", routes: [{ path: "/", page: "home" }],
  pages: { home: { title: "Bench", body: { id: "items", type: "table", columns: [{ key: "name", label: "Name" }], data: { function: "items" } } } },
};

let server: BenchServer;
let browser: Browser;
beforeAll(async () => {
  server = await startServer(PORT);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ARGS });
}, 120_000);
afterAll(async () => {
  await browser.close();
  await server.stop();
});

async function setUp(): Promise<{ page: Page; token: string; project: { id: string; slug: string } }> {
  const email = `bench-${Date.now()}@example.test`;
  const ide = (path: string, body: unknown, token = "") => request({ port: PORT, host: server.ideHost, path, method: "POST", body, token });
  await ide("/api/auth/signup", { email, password: PASSWORD, name: "Bench" });
  const token = JSON.parse((await ide("/api/tokens", { name: "b", email, password: PASSWORD })).body).token as string;
  const project = JSON.parse((await ide("/api/projects", { name: "Bench" }, token)).body);
  const changes = [{ op: "write", path: "functions/items.ts", content: ITEMS(WORDS[0] ?? "") }, { op: "write", path: "app.json", content: JSON.stringify(APP) }];
  await ide(`/api/projects/${project.id}/changes`, { message: "Bench app", changes }, token);
  const page = await (await browser.newContext({ baseURL: `http://localhost:${PORT}`, viewport: { width: 1440, height: 900 } })).newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/projects$/);
  return { page, token, project };
}

describe("builder", () => {
  it("first-load JavaScript, and save → preview updated against the server's floor", async () => {
    const { page, token, project } = await setUp();
    const scripts = new Map<string, Buffer>();
    page.on("response", (res) => {
      if (res.request().resourceType() === "script" && res.url().startsWith(`http://localhost:${PORT}/`)) void res.body().then((b) => scripts.set(res.url(), b), () => undefined);
    });
    await page.goto(`/projects/${project.id}`);
    await page.frameLocator('iframe[title="App preview"]').getByRole("cell", { name: WORDS[0] }).waitFor();
    await page.waitForLoadState("networkidle");
    const raw = [...scripts.values()].reduce((n, b) => n + b.length, 0);
    const gzip = [...scripts.values()].reduce((n, b) => n + gzipSync(b).length, 0);
    const count = scripts.size;
    scripts.clear();
    await page.getByRole("tab", { name: "Code", exact: true }).click();
    await page.getByRole("region", { name: "Files" }).getByRole("button", { name: "items.ts", exact: true }).click();
    await page.locator(".monaco-editor .view-line").first().waitFor();
    await page.waitForLoadState("networkidle");
    const editorGzip = [...scripts.values()].reduce((n, b) => n + gzipSync(b).length, 0);

    const saveMs: number[] = [];
    const floorMs: number[] = [];
    for (let i = 1; i < WORDS.length; i++) {
      const [previous = "", word = ""] = [WORDS[i - 1], WORDS[i]];
      await page.locator(".monaco-editor .view-line span", { hasText: previous }).last().getByText(previous).dblclick();
      await page.keyboard.type(word);
      const started = performance.now();
      await page.keyboard.press("Control+S");
      // A person looks at the preview next: the tab switch is part of the figure (a few ms).
      await page.getByRole("tab", { name: "Preview", exact: true }).click();
      await page.frameLocator('iframe[title="App preview"]').getByRole("cell", { name: word, exact: true }).waitFor({ timeout: 30_000 });
      saveMs.push(performance.now() - started);
      floorMs.push(await time(async () => {
        const put = { port: PORT, host: server.ideHost, path: `/api/projects/${project.id}/files/functions/items.ts`, method: "PUT", body: { content: ITEMS(`api${i}`) }, token };
        await request(put);
        for (;;) {
          const res = await request({ port: PORT, host: server.appHost(project.slug), path: "/_fn/items", method: "GET" });
          if (res.body.includes(`api${i}`)) break;
        }
      }));
      await request({ port: PORT, host: server.ideHost, path: `/api/projects/${project.id}/files/functions/items.ts`, method: "PUT", body: { content: ITEMS(word) }, token });
      await page.frameLocator('iframe[title="App preview"]').getByRole("cell", { name: word, exact: true }).waitFor();
      await page.getByRole("tab", { name: "Code", exact: true }).click();
    }
    expect(saveMs.length).toBe(WORDS.length - 1);
    report("builder first-load JavaScript (project page, Preview tab)", { gzip_kib: gzip / 1024, raw_kib: raw / 1024, scripts: count });
    report("code editor on first open (Monaco, loaded on demand)", { gzip_kib: editorGzip / 1024 });
    report("save in the editor → preview shows the change", { p50_ms: percentile(saveMs, 50), max_ms: Math.max(...saveMs), runs: saveMs.length });
    report("server floor: PUT through the API → the function answers with it", { p50_ms: percentile(floorMs, 50) });
    report("editor save vs floor", { ratio: percentile(saveMs, 50) / percentile(floorMs, 50) });
  }, 300_000);
});
