// Apps the offline planner builds, used in Chromium the way people use them: create, list, edit in a
// dialog prefilled from the row, delete, pick a parent by name, open a parent's page with its children,
// and browse a long table by search, filter, sort and cursor pages.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { driveApp, labelled } from "../support/drive-app";
import { api, apiUser, type ApiUser } from "./support/api";

async function build(request: APIRequestContext, user: ApiUser, name: string, prompt: string): Promise<{ id: string; appUrl: string; blueprint: Record<string, unknown> }> {
  const project = (await api(request, user, "POST", "/api/projects", { name })).body as { id: string; appUrl: string };
  const run = await request.fetch(`/api/projects/${project.id}/agent/runs`, { method: "POST", headers: { authorization: `Bearer ${user.token}` }, data: { prompt } });
  expect(await run.text()).toMatch(/event: done\ndata: \{"reason":"completed"/);
  const file = (await api(request, user, "GET", `/api/projects/${project.id}/files/app.json`)).body as { content: string };
  return { ...project, blueprint: JSON.parse(file.content) as Record<string, unknown> };
}

test("a CRM built from one sentence: create, list, edit, delete and pick parents in the browser", async ({ page, request }) => {
  test.setTimeout(120_000);
  const user = await apiUser(request, "Crud");
  const app = await build(request, user, "Crud CRM", "a CRM: companies, contacts at companies, and deals linked to a contact with value, close date and stage");
  const result = await driveApp(page, app.appUrl, app.blueprint);
  expect(result.failures).toEqual([]);
  expect(result.rows).toBe(3);
  expect(result.pickers).toBeGreaterThanOrEqual(2);
});

test("a parent's page lists its children and adds one already linked to it", async ({ page, request }) => {
  test.setTimeout(120_000);
  const user = await apiUser(request, "Parent");
  const app = await build(request, user, "Parent page", "projects have tasks; tasks have a title and a due date");
  await page.goto(`${app.appUrl}/`);
  await page.getByRole("button", { name: "New project" }).click();
  await page.getByRole("dialog").getByLabel(labelled("Name")).fill("Garden shed");
  await page.getByRole("dialog").getByRole("button", { name: "Add project" }).click();
  await page.getByRole("row", { name: /Garden shed/ }).getByRole("button", { name: "Open" }).click();
  await expect(page).toHaveURL(/\/projects\/1$/);
  await expect(page.getByLabel(labelled("Name"))).toHaveValue("Garden shed");
  await page.getByRole("button", { name: "New task" }).click();
  await page.getByRole("dialog").getByLabel(labelled("Title")).fill("Buy timber");
  await page.getByRole("dialog").getByRole("button", { name: "Add task" }).click();
  await expect(page.locator('[data-node-id="tasks-table"] tbody tr')).toHaveText([/Buy timber/]);
  // The task is linked: the tasks list names its project.
  await page.getByRole("link", { name: "Tasks" }).click();
  await expect(page.getByRole("row", { name: /Buy timber/ })).toContainText("Garden shed");
});

test("a long table searches, filters, sorts and pages by cursor", async ({ page, request }) => {
  test.setTimeout(120_000);
  const user = await apiUser(request, "Browse");
  const app = await build(request, user, "Browse", "tasks with title, priority (low, high) and done yes/no");
  for (let i = 1; i <= 30; i++) {
    const row = await api(request, user, "POST", `/api/projects/${app.id}/db/tables/tasks/rows`, { values: { title: `Task ${String(i).padStart(2, "0")}`, priority: i % 3 === 0 ? "high" : "low", done: 0 } });
    expect(row.status).toBe(201);
  }
  await page.goto(`${app.appUrl}/`);
  const rows = page.locator('[data-node-id="tasks-table"] tbody tr');
  await expect(rows).toHaveCount(25);
  await page.getByRole("button", { name: "Next" }).click();
  await expect(rows).toHaveCount(5);
  await expect(rows.first()).toContainText("Task 26");
  await page.getByRole("button", { name: "Previous" }).click();
  await expect(rows.first()).toContainText("Task 01");

  await page.getByRole("button", { name: /^Title/ }).click();
  await page.getByRole("button", { name: /^Title/ }).click();
  await expect(page.getByRole("columnheader", { name: /Title/ })).toHaveAttribute("aria-sort", "descending");
  await expect(rows.first()).toContainText("Task 30");

  await page.getByLabel(labelled("Priority")).selectOption("high");
  await expect(rows).toHaveCount(10);
  await page.getByRole("searchbox").fill("Task 2");
  await expect(rows).toHaveText([/Task 27/, /Task 24/, /Task 21/]);
});
