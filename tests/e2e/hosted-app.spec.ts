import { expect, test, type Page } from "@playwright/test";
import { api, apiUser, type ApiUser } from "./support/api";
import { SignInPage } from "./pages/auth-pages";

const TODOS_FN = `export default async function handler(req: { method: string; body: { title?: string } | null }, ctx: any) {
  if (req.method === "POST") {
    if (!req.body?.title) return { status: 400, body: { error: "A title is required." } };
    const { lastInsertRowid } = await ctx.db.exec("INSERT INTO todos (title) VALUES (?)", [req.body.title]);
    return { status: 201, body: { id: lastInsertRowid } };
  }
  return ctx.db.query("SELECT id, title FROM todos ORDER BY id");
}
`;

// A component with a third-party package and its own CSS, some of it aimed at the whole page: inside
// its shadow root, none of it may reach the page's own paragraphs.
const BADGE = `import clsx from "clsx";
import css from "./Badge.css";
export const styles = css;
export default function Badge({ label }: { label: string }) {
  return <span className={clsx("badge", "badge--ok")}>{label}</span>;
}
`;
const BADGE_CSS = ".badge { color: rgb(102, 51, 153); font-weight: 700; }\np, body { color: rgb(255, 0, 0) !important; }\n";
const BROKEN = `export default function Broken(): never {\n  throw new Error("Broken on purpose");\n}\n`;

const APP = {
  version: 1,
  name: "Shop list",
  routes: [{ path: "/", page: "home" }],
  pages: {
    home: {
      title: "Shopping",
      body: {
        id: "root", type: "stack", children: [
          { id: "title", type: "heading", text: "Shopping", level: 1 },
          { id: "intro", type: "text", text: "Things to buy." },
          { id: "items", type: "table", columns: [{ key: "title", label: "Item" }], data: { function: "todos" }, emptyText: "Nothing yet." },
          { id: "add", type: "form", fields: [{ name: "title", label: "Item", input: "text", required: true }], submitText: "Add", onSubmit: [
            { action: "call", function: "todos", method: "POST", args: { title: "{{form.title}}" } },
            { action: "refresh", target: "items" },
            { action: "message", text: "Added #{{result.id}}", tone: "success" },
          ] },
          { id: "badge", type: "component", name: "Badge", props: { label: "All fresh" } },
          { id: "broken", type: "component", name: "Broken", props: {} },
        ],
      },
    },
  },
};

async function buildApp(request: Parameters<typeof apiUser>[0], user: ApiUser) {
  const project = (await api(request, user, "POST", "/api/projects", { name: "Shop list" })).body;
  const base = `/api/projects/${project.id}`;
  expect((await api(request, user, "POST", `${base}/db/migrations`, { name: "todos", sql: "CREATE TABLE todos (id INTEGER PRIMARY KEY, title TEXT NOT NULL)" })).status).toBe(201);
  const changes = [
    { op: "write", path: "functions/todos.ts", content: TODOS_FN },
    { op: "write", path: "components/Badge.tsx", content: BADGE },
    { op: "write", path: "components/Badge.css", content: BADGE_CSS },
    { op: "write", path: "components/Broken.tsx", content: BROKEN },
    { op: "write", path: "app.json", content: JSON.stringify(APP, null, 2) },
  ];
  expect((await api(request, user, "POST", `${base}/changes`, { message: "Shop list app", changes })).status).toBe(200);
  // What the builder does after a component write: build as an editor, which adds clsx to package.json.
  const components = (await api(request, user, "POST", `${base}/components`)).body as { name: string; ok: boolean }[];
  expect(components.find((c) => c.name === "Badge")).toMatchObject({ ok: true });
  return project as { id: string; appUrl: string };
}

async function color(page: Page, selector: string): Promise<string> {
  return page.locator(selector).first().evaluate((el) => getComputedStyle(el).color);
}

test("an app built through the API runs on its own origin: table, form, MFE in Shadow DOM, inline MFE error", async ({ page, request }) => {
  const user = await apiUser(request, "Shop");
  const project = await buildApp(request, user);
  expect(project.appUrl).toMatch(/^http:\/\/shop-list\.apps\.localhost:\d+$/);
  await page.goto(project.appUrl);

  await expect(page.getByRole("heading", { level: 1, name: "Shopping" })).toBeVisible();
  const table = page.locator('[data-node-id="items"]');
  await expect(table).toContainText("Nothing yet.");
  await page.locator('[data-node-id="add"]').getByLabel("Item").fill("Buy milk");
  await page.locator('[data-node-id="add"]').getByRole("button", { name: "Add" }).click();
  await expect(table).toContainText("Buy milk");
  await expect(page.getByText("Added #1")).toBeVisible();

  const badge = page.locator('[data-node-id="badge"] .badge');
  await expect(badge).toHaveText("All fresh");
  expect(await color(page, '[data-node-id="badge"] .badge')).toBe("rgb(102, 51, 153)");
  expect(await color(page, '[data-node-id="intro"]')).not.toBe("rgb(255, 0, 0)");
  expect(await page.locator('[data-node-id="badge"]').first().evaluate((el) => Boolean(el.shadowRoot ?? el.querySelector("*")?.shadowRoot))).toBe(true);

  await expect(page.locator('[data-node-id="broken"]')).toContainText("Broken");
  await expect(page.locator('[data-node-id="broken"]').getByRole("alert")).toBeVisible();
  await expect(table).toContainText("Buy milk");
});

test("a script on the app's origin cannot read the IDE's session", async ({ page, request }) => {
  const user = await apiUser(request, "Iso");
  const project = await buildApp(request, user);
  const signIn = new SignInPage(page);
  await signIn.signIn(user.email, "a long enough password");
  await expect(page).toHaveURL(/\/projects$/);
  const ideCookies = (await page.context().cookies()).filter((c) => c.name.includes("myco.session"));
  expect(ideCookies).toHaveLength(1);
  expect(ideCookies[0]?.httpOnly).toBe(true);

  await page.goto(project.appUrl);
  await expect(page.getByRole("heading", { level: 1, name: "Shopping" })).toBeVisible();
  const ideOrigin = new URL(test.info().project.use.baseURL ?? "").origin;
  const probe = await page.evaluate(async (ide) => {
    const cookie = document.cookie;
    let me = "blocked";
    try {
      const res = await fetch(`${ide}/api/me`, { credentials: "include" });
      me = `${res.status} ${await res.text()}`;
    } catch {
      me = "blocked";
    }
    return { cookie, me };
  }, ideOrigin);
  expect(probe).toEqual({ cookie: "", me: "blocked" });
});

test("the IDE previews the app in a frame of the app's origin", async ({ page, request }) => {
  const user = await apiUser(request, "Preview");
  const project = await buildApp(request, user);
  await new SignInPage(page).signIn(user.email, "a long enough password");
  await expect(page).toHaveURL(/\/projects$/);
  await page.goto(`/projects/${project.id}`);
  const frame = page.frameLocator('iframe[title="App preview"]');
  await expect(frame.getByRole("heading", { level: 1, name: "Shopping" })).toBeVisible();
  await expect(page.getByTestId("preview-status")).toContainText("Ready");
  await expect(page.getByRole("list", { name: "Preview errors" })).toContainText("Broken");
});
