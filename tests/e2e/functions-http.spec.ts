import http from "node:http";
import { expect, test } from "@playwright/test";
import { api, apiUser } from "./support/api";

const TODOS = `export default async function handler(req: { method: string; body: { title?: string } | null }, ctx: any) {
  if (req.method === "POST") {
    const { lastInsertRowid } = await ctx.db.exec("INSERT INTO todos (title) VALUES (?)", [req.body?.title ?? "untitled"]);
    console.log("added", lastInsertRowid);
    return { status: 201, body: { id: lastInsertRowid } };
  }
  return ctx.db.query("SELECT id, title FROM todos ORDER BY id");
}
`;

/** Opens a server-sent event stream on the running server; `events` settles once `count` arrived. */
function openEvents(path: string, token: string, count: number): { opened: Promise<void>; events: Promise<string[]> } {
  const base = new URL(test.info().project.use.baseURL ?? "");
  let opened!: () => void;
  const openedPromise = new Promise<void>((resolve) => (opened = resolve));
  const events = new Promise<string[]>((resolve, reject) => {
    const frames: string[] = [];
    const req = http.get({ host: "127.0.0.1", port: base.port, path, headers: { host: base.host, authorization: `Bearer ${token}`, accept: "text/event-stream" } }, (res) => {
      res.setEncoding("utf8");
      let buffer = "";
      res.on("data", (chunk: string) => {
        buffer += chunk;
        const parts = buffer.split("\n\n");
        buffer = parts.pop() ?? "";
        frames.push(...parts.filter((f) => f.startsWith("id:")));
        if (frames.length >= count) {
          req.destroy();
          resolve(frames);
        }
      });
      opened();
    });
    req.on("error", (err) => (frames.length >= count ? undefined : reject(err)));
  });
  return { opened: openedPromise, events };
}

test("a function written through the API answers on the app's own origin and its logs stream live", async ({ request, page }) => {
  const user = await apiUser(request, "Fn");
  const project = (await api(request, user, "POST", "/api/projects", { name: "Todo API" })).body;
  expect((await api(request, user, "POST", `/api/projects/${project.id}/db/migrations`, { name: "todos", operations: [{ op: "create_table", table: "todos", columns: [{ name: "title", type: "text", nullable: false }] }] })).status).toBe(201);
  expect((await api(request, user, "PUT", `/api/projects/${project.id}/files/functions/todos.ts`, { content: TODOS })).status).toBe(200);

  const stream = openEvents(`/api/projects/${project.id}/functions/todos/logs`, user.token, 2);
  await stream.opened;
  const appOrigin = project.appUrl as string;
  expect(appOrigin).toMatch(/^http:\/\/todo-api\.apps\.localhost:\d+$/);
  await page.goto(`${appOrigin}/_fn/todos`);
  await expect(page.locator("body")).toHaveText("[]");
  const created = await page.evaluate(async () => {
    const res = await fetch("/_fn/todos", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ title: "from the app origin" }) });
    return { status: res.status, body: await res.json() };
  });
  expect(created).toEqual({ status: 201, body: { id: 1 } });
  await page.reload();
  await expect(page.locator("body")).toContainText('"title":"from the app origin"');

  const events = await stream.events;
  expect(events).toHaveLength(2);
  expect(events[1]).toContain('"message":"added 1"');

  // On an app's origin every other path is the app's own page: the IDE's API is not there.
  const ideFromApp = await page.evaluate(async () => (await fetch("/api/me")).headers.get("content-type"));
  expect(ideFromApp).toContain("text/html");
});
