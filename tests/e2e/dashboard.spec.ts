import { expect, test, type Page } from "@playwright/test";
import { SignUpPage } from "./pages/auth-pages";
import { BuilderPage } from "./pages/builder-page";
import { ModelSettings } from "./pages/model-settings";
import { ProjectPage, ProjectsPage } from "./pages/project-pages";
import { PORT } from "./support/servers";
import { startFakeLlmServer, type FakeLlmServer } from "../support/model-server";

const HELLO_FN = `export default async function handler(req: { query: Record<string, string> }) {
  return { hello: req.query.name ?? "world" };
}
`;

/** Signs a new person up and creates a project; returns its id and slug. */
async function ownerWithProject(page: Page, who: string, projectName: string): Promise<{ projectId: string; slug: string }> {
  await new SignUpPage(page).open();
  await new SignUpPage(page).submit({ name: who, email: `${who.toLowerCase().replace(/\W+/g, "-")}-${Date.now()}@example.test`, password: "correct horse battery" });
  await new ProjectsPage(page).create(projectName);
  const projectId = new ProjectPage(page).projectId;
  return { projectId, slug: (await page.getByTestId("project-slug").textContent()) ?? "" };
}

/** A JSON call to Myco's API from the signed-in page (same origin, its session cookie). */
async function apiFromPage(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  return page.evaluate(async ([m, p, b]) => {
    const res = await fetch(p as string, { method: m as string, headers: { "content-type": "application/json" }, body: b === undefined ? undefined : JSON.stringify(b) });
    return { status: res.status, body: await res.json().catch(() => null) };
  }, [method, path, body] as const);
}

test("the dashboard shows a function's invocations rising after calls to the app", async ({ page }) => {
  test.setTimeout(120_000);
  const { projectId, slug } = await ownerWithProject(page, "Dash owner", "Counted calls");
  expect((await apiFromPage(page, "PUT", `/api/projects/${projectId}/files/functions/hello.ts`, { content: HELLO_FN })).status).toBe(200);

  await page.goto(`/dashboard/projects/${projectId}`);
  const row = page.getByTestId("dashboard-function").filter({ hasText: "hello" });
  await expect(row.getByTestId("function-calls")).toHaveAttribute("data-calls", "0");
  await expect(page.getByTestId("dashboard-routes").filter({ hasText: "dev" })).toContainText("/_fn/hello");

  // A visitor of the app calls the function on the app's own origin (Chromium resolves *.localhost).
  const visitor = await page.context().newPage();
  for (let i = 0; i < 5; i++) {
    const res = await visitor.goto(`http://${slug}.apps.localhost:${PORT}/_fn/hello?name=n${i}`);
    expect(res?.status()).toBe(200);
  }
  await visitor.close();
  // Invocations are recorded just after they answer: reload until the page has them.
  await expect.poll(async () => {
    await page.reload();
    return row.getByTestId("function-calls").getAttribute("data-calls");
  }, { timeout: 15_000 }).toBe("5");
  await expect(row.getByRole("img", { name: /Calls of hello over the last hour: 5 calls, 0 failed/ })).toBeVisible();

  // The code is clean: the findings section says so.
  await expect(page.getByRole("region", { name: "Security findings" })).toContainText("No findings in the code at HEAD.");

  await page.goto("/dashboard");
  const card = page.getByTestId("dashboard-project").filter({ hasText: "Counted calls" });
  await expect(card.getByTestId("project-calls")).toHaveText("5");
  await card.getByRole("link", { name: "Counted calls" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Counted calls" })).toBeVisible();
});

test("an owner's audit filter finds a deploy, with who, from where and what moved, and exports it", async ({ page }) => {
  test.setTimeout(120_000);
  const { projectId } = await ownerWithProject(page, "Audit owner", "Audited deploys");
  const release = await apiFromPage(page, "POST", `/api/projects/${projectId}/releases`, { notes: "First" });
  expect(release.status).toBe(201);
  const deploy = await apiFromPage(page, "POST", `/api/projects/${projectId}/deployments`, { releaseId: release.body.id, env: "staging" });
  expect(deploy.status).toBe(201);

  await page.goto(`/dashboard/audit?project=${projectId}`);
  await expect(page.getByTestId("audit-event").first()).toBeVisible();
  const filters = page.getByRole("form", { name: "Audit filters" });
  await filters.getByLabel("Kind").fill("release.deployed");
  await filters.getByRole("button", { name: "Filter" }).click();
  const events = page.getByTestId("audit-event");
  await expect(events).toHaveCount(1);
  await expect(events.first()).toHaveAttribute("data-action", "release.deployed");
  await expect(events.first()).toContainText("audit-owner");
  await expect(events.first()).toContainText('"env":"staging"');
  // The browser's own address, as the server's socket saw it.
  await expect(events.first()).toContainText(/127\.0\.0\.1|::1/);

  const href = await filters.getByRole("link", { name: "Export JSON lines" }).getAttribute("href");
  expect(href).toContain("format=jsonl");
  const exported = await page.evaluate(async (url) => (await fetch(url as string)).text(), href);
  const lines = exported.trim().split("\n").map((l) => JSON.parse(l));
  expect(lines.map((l: { action: string }) => l.action)).toEqual(["release.deployed"]);
});

test.describe("budgets", () => {
  let model: FakeLlmServer;
  test.beforeAll(async () => {
    model = await startFakeLlmServer();
  });
  test.afterAll(async () => {
    await model.close();
  });

  test("a spent monthly budget warns, then stops the next run with a message saying so", async ({ page }) => {
    test.setTimeout(120_000);
    const { projectId } = await ownerWithProject(page, "Budget owner", "Budgeted builds");
    const settings = new ModelSettings(page);
    await settings.open(projectId);
    await settings.saveCustom({ baseUrl: model.baseURL, model: "e2e-budget-model", apiKey: "sk-e2e-budget" });
    const budgetForm = settings.usage().getByRole("form", { name: "Project budget" });
    await budgetForm.getByLabel("Project's monthly token budget").fill("1000");
    await budgetForm.getByRole("button", { name: "Save budget" }).click();
    await expect(settings.usage().getByTestId("ai-budget").first()).toContainText("0 of 1,000 tokens");

    const builder = new BuilderPage(page);
    await builder.open(projectId);
    model.enqueue({ text: "Looked around; nothing to change.", usage: { promptTokens: 900, completionTokens: 150 } });
    expect(await builder.waitForFinish(await builder.build("look around"))).toBe("succeeded");
    await expect(page.getByTestId("budget-notice")).toContainText("This project's monthly AI budget is spent");

    await builder.prompt().fill("one more change");
    await builder.submitButton().click();
    await expect(page.getByText(/This project's monthly AI budget is spent \(1,050 of 1,000 tokens\)/)).toBeVisible();
    expect(model.requests).toHaveLength(1);
  });
});
