import { expect, test, type Page } from "@playwright/test";
import { api, apiUser, type ApiUser } from "./support/api";
import { SignInPage } from "./pages/auth-pages";
import { WorkspacePage } from "./pages/workspace-page";

const ITEMS_FN = (name: string) => `export default async function handler() {\n  return [{ name: "${name}" }];\n}\n`;
const APP = {
  version: 1,
  name: "Shelf",
  routes: [{ path: "/", page: "home" }],
  pages: {
    home: {
      title: "Shelf",
      body: { id: "root", type: "stack", children: [
        { id: "title", type: "heading", text: "Shelf", level: 1 },
        { id: "items", type: "table", columns: [{ key: "name", label: "Name" }], data: { function: "items" }, emptyText: "Nothing." },
      ] },
    },
  },
};

async function shelfProject(page: Page, request: Parameters<typeof apiUser>[0], name: string) {
  const user = await apiUser(request, name);
  const project = (await api(request, user, "POST", "/api/projects", { name: "Shelf" })).body;
  const changes = [
    { op: "write", path: "functions/items.ts", content: ITEMS_FN("Alpha") },
    { op: "write", path: "app.json", content: JSON.stringify(APP, null, 2) },
  ];
  expect((await api(request, user, "POST", `/api/projects/${project.id}/changes`, { message: "Shelf", changes })).status).toBe(200);
  await new SignInPage(page).signIn(user.email, "a long enough password");
  await expect(page).toHaveURL(/\/projects$/);
  return { user, project } as { user: ApiUser; project: { id: string; slug: string; appUrl: string } };
}

test("tabs are addressable by URL, switch with Alt+number, and keep the URL in step", async ({ page, request }) => {
  const { project } = await shelfProject(page, request, "Tabs");
  const ide = new WorkspacePage(page);
  await page.goto(`/projects/${project.id}/code/functions/items.ts`);
  await expect(ide.tab("Code")).toHaveAttribute("aria-selected", "true");
  for (const name of ["Preview", "Code", "Database", "Functions", "History", "Releases", "Settings"]) await expect(ide.tab(name)).toBeVisible();
  await expect(ide.treeFile("items.ts")).toHaveAttribute("aria-current", "true");
  await expect(ide.editor()).toContainText("Alpha");
  await ide.openTab("History");
  await expect(page).toHaveURL(new RegExp(`/projects/${project.id}/history$`));
  await page.keyboard.press("Alt+1");
  await expect(ide.tab("Preview")).toHaveAttribute("aria-selected", "true");
  await expect(page).toHaveURL(new RegExp(`/projects/${project.id}$`));
  await page.goBack();
  await expect(ide.tab("History")).toHaveAttribute("aria-selected", "true");
  expect((await page.goto(`/projects/${project.id}/nonsense`))?.status()).toBe(404);
});

test("a function edited in the editor changes the preview on save, with no reload", async ({ page, request }) => {
  const { project } = await shelfProject(page, request, "Editor");
  const ide = new WorkspacePage(page);
  await page.goto(`/projects/${project.id}`);
  await expect(ide.previewFrame().getByRole("cell", { name: "Alpha" })).toBeVisible();
  await ide.openTab("Code");
  await ide.treeFile("items.ts").click();
  await expect(ide.editor()).toContainText("Alpha");
  await ide.replaceWord("Alpha", "Beta");
  await expect(ide.panel("Code").getByRole("button", { name: /items\.ts.*unsaved/ }).first()).toBeVisible();
  await page.keyboard.press("ControlOrMeta+S");
  await expect(ide.panel("Code").getByRole("status")).toContainText("Saved functions/items.ts");
  await ide.openTab("Preview");
  await expect(ide.previewFrame().getByRole("cell", { name: "Beta" })).toBeVisible();
  await expect(page.getByTestId("preview-status")).toContainText("Ready");
});

test("a component edit swaps into the open preview in place: the frame does not reload", async ({ page, request }) => {
  const { user, project } = await shelfProject(page, request, "Hot");
  const badge = (text: string) => `export default function Badge() {\n  return <strong>${text}</strong>;\n}\n`;
  const withBadge = structuredClone(APP);
  withBadge.pages.home.body.children.push({ id: "badge", type: "component", name: "Badge" } as never);
  const changes = [{ op: "write", path: "components/Badge.tsx", content: badge("Badge one") }, { op: "write", path: "app.json", content: JSON.stringify(withBadge) }];
  expect((await api(request, user, "POST", `/api/projects/${project.id}/changes`, { message: "Badge", changes })).status).toBe(200);
  const ide = new WorkspacePage(page);
  await page.goto(`/projects/${project.id}`);
  await expect(ide.previewFrame().getByText("Badge one")).toBeVisible();
  await expect(page.getByTestId("preview-status")).toContainText("Ready");
  // A mark in the app's window: a reload of the frame would lose it.
  const app = page.frames().find((f) => f.url().startsWith(project.appUrl));
  await app?.evaluate(() => Object.assign(window, { hotMark: "kept" }));
  expect((await api(request, user, "PUT", `/api/projects/${project.id}/files/components/Badge.tsx`, { content: badge("Badge two") })).status).toBe(200);
  await expect(ide.previewFrame().getByText("Badge two")).toBeVisible();
  expect(await app?.evaluate(() => (window as unknown as { hotMark?: string }).hotMark)).toBe("kept");
});

test("build errors show as markers on their line, and a broken app.json names line and column in the preview", async ({ page, request }) => {
  const { user, project } = await shelfProject(page, request, "Markers");
  const ide = new WorkspacePage(page);
  await api(request, user, "PUT", `/api/projects/${project.id}/files/functions/items.ts`, { content: "export default () => {\n  return ;;\n  const = 1;\n};\n" });
  await page.goto(`/projects/${project.id}/code/functions/items.ts`);
  await expect(page.getByTestId("build-problems")).toContainText("1 build problem");
  await expect(ide.editor().locator(".squiggly-error").first()).toBeVisible();
  await api(request, user, "PUT", `/api/projects/${project.id}/files/app.json`, { content: '{\n  "version": 1,\n  "name": "x"\n  "routes": []\n}\n' });
  await ide.openTab("Preview");
  await expect(page.getByTestId("preview-status")).toContainText("did not start");
  await expect(page.getByRole("list", { name: "Preview errors" })).toContainText("line 4, column 3");
});

test("History shows a commit's diff file by file, and restores a version after naming what it reverts", async ({ page, request }) => {
  const { user, project } = await shelfProject(page, request, "History");
  const ide = new WorkspacePage(page);
  await api(request, user, "PUT", `/api/projects/${project.id}/files/functions/items.ts`, { content: ITEMS_FN("Gamma"), message: "Rename the item to Gamma" });
  await page.goto(`/projects/${project.id}/history`);
  const commits = ide.panel("History").getByRole("list", { name: "Commits" });
  await expect(commits.getByRole("button").first()).toContainText("Rename the item to Gamma");
  await commits.getByRole("button", { name: /Rename the item to Gamma/ }).click();
  await expect(ide.panel("History").getByRole("list", { name: "Files changed" })).toContainText("functions/items.ts");
  const diff = page.getByTestId("commit-diff");
  await expect(diff.locator(".monaco-diff-editor")).toBeVisible();
  await expect(diff).toContainText("Gamma");
  await expect(diff).toContainText("Alpha");

  await commits.getByRole("button", { name: /^Shelf/ }).click();
  await ide.panel("History").getByRole("button", { name: "Restore this version" }).click();
  const confirm = ide.panel("History").getByRole("group", { name: "Confirm restore" });
  await expect(confirm).toContainText("Rename the item to Gamma");
  await expect(confirm).toContainText("functions/items.ts");
  await confirm.getByRole("button", { name: "Restore" }).click();
  await expect(ide.panel("History").getByRole("status")).toContainText("Restored");
  expect((await api(request, user, "GET", `/api/projects/${project.id}/files/functions/items.ts`)).body.content).toContain("Alpha");
  await expect(commits.getByRole("button").first()).toContainText("Restore");
});

test("a Delete in the preview asks in the app, not the browser", async ({ page, request }) => {
  const { user, project } = await shelfProject(page, request, "Confirm");
  const app = {
    ...APP,
    pages: { home: { title: "Shelf", body: { id: "root", type: "stack", children: [
      { id: "items", type: "table", columns: [{ key: "name", label: "Name" }], data: { function: "items" }, emptyText: "Nothing.",
        rowActions: [{ text: "Delete", variant: "danger", actions: [{ action: "call", function: "items", method: "DELETE", path: "{{row.name}}", confirm: "Delete “{{row.name}}”?" }, { action: "message", text: "Deleted", tone: "success" }] }] },
    ] } } },
  };
  await api(request, user, "PUT", `/api/projects/${project.id}/files/app.json`, { content: JSON.stringify(app) });
  let browserDialog = false;
  page.on("dialog", (d) => { browserDialog = true; void d.dismiss(); });
  await page.goto(`/projects/${project.id}`);
  const frame = new WorkspacePage(page).previewFrame();
  await frame.getByRole("button", { name: "Delete" }).click();
  const dialog = frame.getByRole("alertdialog");
  await expect(dialog).toContainText("Delete “Alpha”?");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await frame.getByRole("button", { name: "Delete" }).click();
  await frame.getByRole("alertdialog").getByRole("button", { name: "Confirm" }).click();
  await expect(frame.getByText("Deleted")).toBeVisible();
  expect(browserDialog).toBe(false);
});

test("an empty project offers starters and says the planner is offline; a starter's run links to its diff and files", async ({ page, request }) => {
  const user = await apiUser(request, "Starter");
  const project = (await api(request, user, "POST", "/api/projects", { name: "Tasks" })).body;
  await new SignInPage(page).signIn(user.email, "a long enough password");
  await expect(page).toHaveURL(/\/projects$/);
  await page.goto(`/projects/${project.id}`);
  await expect(page.getByRole("note")).toContainText("No language model is configured");
  await page.getByRole("button", { name: /A gym log/ }).click();
  await expect(page.getByTestId("agent-prompt")).toHaveValue(/A gym log with workouts/);
  await page.getByRole("button", { name: /Task tracker/ }).click();
  const run = page.getByTestId("agent-run").last();
  await expect(run).toHaveAttribute("data-status", "succeeded", { timeout: 60_000 });
  const ide = new WorkspacePage(page);
  await run.getByRole("link", { name: "View diff" }).click();
  await expect(ide.tab("History")).toHaveAttribute("aria-selected", "true");
  await expect(page).toHaveURL(/\/history\/[0-9a-f]{40}$/);
  await expect(ide.panel("History").getByRole("list", { name: "Files changed" })).toContainText("app.json");
  await expect(page.getByTestId("commit-diff").locator(".monaco-diff-editor")).toBeVisible();
  await run.getByRole("link", { name: "functions/tasks.ts" }).first().click();
  await expect(ide.tab("Code")).toHaveAttribute("aria-selected", "true");
  await expect(ide.editor()).toContainText("tasks");
});

test("the file tree creates, renames, moves by drag and deletes files, each a commit", async ({ page, request }) => {
  const { user, project } = await shelfProject(page, request, "Tree");
  const ide = new WorkspacePage(page);
  await page.goto(`/projects/${project.id}/code`);
  const tree = ide.panel("Code").getByRole("region", { name: "Files" });
  await tree.getByRole("button", { name: "New file" }).click();
  await tree.getByLabel("New file path").fill("notes.md");
  await tree.getByRole("button", { name: "Create" }).click();
  await expect(ide.treeFile("notes.md")).toHaveAttribute("aria-current", "true");
  await expect(page).toHaveURL(/\/code\/notes\.md$/);

  await ide.treeFile("notes.md").hover();
  await tree.getByRole("button", { name: "Rename notes.md" }).click();
  await tree.getByLabel("New path for notes.md").fill("ideas.md");
  await tree.getByRole("button", { name: "Rename" }).click();
  await expect(ide.treeFile("ideas.md")).toBeVisible();

  await ide.treeFile("ideas.md").dragTo(tree.locator("summary", { hasText: "functions/" }));
  await expect(tree.locator("details", { hasText: "functions/" }).getByRole("button", { name: "ideas.md", exact: true })).toBeVisible();
  const files = (await api(request, user, "GET", `/api/projects/${project.id}/files`)).body.map((f: { path: string }) => f.path);
  expect(files).toContain("functions/ideas.md");
  expect(files).not.toContain("ideas.md");

  await ide.treeFile("ideas.md").hover();
  await tree.getByRole("button", { name: "Delete functions/ideas.md" }).click();
  await tree.getByRole("group", { name: "Delete functions/ideas.md?" }).getByRole("button", { name: "Delete" }).click();
  await expect(ide.treeFile("ideas.md")).toHaveCount(0);
  const history = (await api(request, user, "GET", `/api/projects/${project.id}/history?limit=3`)).body.commits.map((c: { message: string }) => c.message);
  expect(history).toEqual(["Delete functions/ideas.md", "Move ideas.md to functions/ideas.md", "Move notes.md to ideas.md"]);
});

test("on a 390 px phone every tab fits the screen, and chat and workspace switch", async ({ page, request }) => {
  const { project } = await shelfProject(page, request, "Phone");
  await page.setViewportSize({ width: 390, height: 844 });
  const ide = new WorkspacePage(page);
  await page.goto(`/projects/${project.id}`);
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  for (const name of ["Preview", "Code", "Database", "Functions", "History", "Releases", "Settings"]) {
    await ide.tab(name).click();
    await expect(ide.panel(name)).toBeVisible();
    await page.waitForTimeout(300);
    expect(await overflow(), `${name} scrolls sideways`).toBeLessThanOrEqual(0);
  }
  await page.getByRole("button", { name: "Chat", exact: true }).click();
  await expect(page.getByTestId("agent-prompt")).toBeVisible();
  await expect(ide.panel("Settings")).toBeHidden();
  expect(await overflow()).toBeLessThanOrEqual(0);
  await page.getByRole("button", { name: "Workspace", exact: true }).click();
  await expect(ide.panel("Settings")).toBeVisible();
});

test("a visitor sees what Myco is; an unknown page is a 404 whose scripts run under the CSP; the favicon is served", async ({ page, request }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Describe an app");
  await expect(page.getByRole("link", { name: "Create an account" })).toHaveAttribute("href", "/sign-up");
  const refused: string[] = [];
  page.on("console", (m) => { if (m.text().includes("Content Security Policy")) refused.push(m.text()); });
  const res = await page.goto("/no/such/page");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  expect(await page.evaluate(() => "next" in window), "Next's client scripts ran").toBe(true);
  await page.getByRole("link", { name: "Myco home" }).click();
  await expect(page).toHaveURL(/\/$/);
  expect(refused).toEqual([]);
  const icon = await request.get("/icon.svg");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");
});

test("search finds text across the project and opens the file; app.json is checked against the blueprint schema while typing", async ({ page, request }) => {
  const { project } = await shelfProject(page, request, "Search");
  const ide = new WorkspacePage(page);
  await page.goto(`/projects/${project.id}/code`);
  await ide.panel("Code").getByRole("button", { name: "Search" }).click();
  await ide.panel("Code").getByLabel("Search the project").fill("Alpha");
  await page.keyboard.press("Enter");
  const results = ide.panel("Code").getByRole("list", { name: "Search results" });
  await results.getByRole("button", { name: "functions/items.ts:2" }).click();
  await expect(page).toHaveURL(/\/code\/functions\/items\.ts$/);
  await expect(ide.editor()).toContainText("Alpha");

  await page.goto(`/projects/${project.id}/code/app.json`);
  await expect(ide.editor()).toContainText('"routes"');
  await expect(ide.editor().locator(".squiggly-error")).toHaveCount(0);
  await ide.replaceWord("stack", "stak");
  await expect(ide.editor().locator(".squiggly-error").first()).toBeVisible();
  await expect(ide.panel("Code").getByRole("button", { name: /app\.json.*unsaved/ }).first()).toBeVisible();
});
