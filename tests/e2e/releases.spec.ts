import { expect, test, type Page } from "@playwright/test";
import { SignUpPage } from "./pages/auth-pages";
import { ProjectsPage } from "./pages/project-pages";
import { BuilderPage } from "./pages/builder-page";
import { ReleasesPanel } from "./pages/releases-panel";

test.setTimeout(240_000);

/** The app origin of one environment of the project on this page. */
async function origin(page: Page, env: "dev" | "staging" | "prod"): Promise<string> {
  const url = await new ReleasesPanel(page).env(env).locator(".env-url").getAttribute("href");
  if (!url) throw new Error(`no URL for ${env}`);
  return url;
}

/** Adds a todo through the generated app served at `base` and expects it listed. */
async function addTodo(page: Page, base: string, title: string): Promise<void> {
  await page.goto(`${base}/`);
  await page.getByRole("button", { name: "New todo" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Title").fill(title);
  await dialog.getByLabel("Due date").fill("2026-12-24");
  await dialog.getByLabel("Priority").selectOption({ index: 1 });
  await dialog.getByRole("button", { name: "Add todo" }).click();
  await expect(page.getByRole("table")).toContainText(title);
}

/** The component bundle URLs and page routes an environment's page boots with, as a browser loads it. */
async function bootOf(page: Page, base: string): Promise<{ components: Record<string, string>; routes: string[] }> {
  await page.goto(`${base}/`);
  const boot = JSON.parse((await page.locator("#myco-boot").textContent()) ?? "{}");
  return { components: boot.components, routes: (boot.blueprint.routes ?? []).map((r: { path: string }) => r.path) };
}

test("a person ships v1.0.0 through staging to prod, ships v1.1.0, and restores v1.0.0 on prod keeping every row", async ({ page, context }) => {
  await new SignUpPage(page).open();
  await new SignUpPage(page).submit({ name: "Shipper", email: `shipper-${Date.now()}@example.test`, password: "correct horse battery" });
  await new ProjectsPage(page).create("Shipped todos");
  const builder = new BuilderPage(page);
  const projectUrl = page.url();
  expect(await builder.waitForFinish(await builder.build("a todo app with title, due date and priority"))).toBe("succeeded");

  const releases = new ReleasesPanel(page);
  await releases.show();
  expect(await releases.cut("The first version")).toBe("1.0.0");
  await releases.deployToStaging("1.0.0");
  const [dev, staging, prod] = [await origin(page, "dev"), await origin(page, "staging"), await origin(page, "prod")];
  const visitor = await context.newPage();
  const v1Boot = await bootOf(visitor, staging);

  await addTodo(visitor, staging, "Tried on staging");
  await releases.promote("1.0.0");
  await addTodo(visitor, prod, "First real todo");

  // The app changes in dev: a new column, then a new page.
  const projectId = /\/projects\/([0-9a-f-]{36})/.exec(projectUrl)?.[1];
  const added = await page.evaluate(async (id) => (await fetch(`/api/projects/${id}/db/migrations`, {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "todo_notes", sql: "ALTER TABLE todos ADD COLUMN notes TEXT" }),
  })).status, projectId);
  expect(added).toBe(201);
  expect(await builder.waitForFinish(await builder.build("also track projects with a name"))).toBe("succeeded");

  await page.reload();
  expect(await releases.cut("Notes on todos, and projects")).toBe("1.1.0");
  await releases.deployToStaging("1.1.0");
  await releases.promote("1.1.0");
  expect((await bootOf(visitor, prod)).routes).toContain("/projects");
  await addTodo(visitor, prod, "Written under 1.1.0");

  const plan = await releases.reviewRestore("prod", "1.0.0");
  await expect(plan).toContainText("The database stays as it is");
  await plan.getByTestId("rollback-confirm").click();
  await expect(releases.env("prod").getByTestId("env-version")).toHaveText("1.0.0");
  await expect(releases.env("prod").getByTestId("deployment").first()).toContainText("rollback");

  const restored = await bootOf(visitor, prod);
  expect(restored.components).toEqual(v1Boot.components);
  expect(restored.routes).not.toContain("/projects");
  await visitor.goto(`${prod}/`);
  for (const title of ["First real todo", "Written under 1.1.0"]) await expect(visitor.getByRole("table")).toContainText(title);
  await expect(visitor.getByRole("table")).not.toContainText("Tried on staging");
  expect((await bootOf(visitor, dev)).routes).toContain("/projects");
});
