import { expect, test, type Page } from "@playwright/test";
import { SignUpPage } from "./pages/auth-pages";
import { ProjectPage, ProjectsPage } from "./pages/project-pages";
import { FunctionsPanel } from "./pages/functions-panel";

const GREET = `// Answers the GREETING secret, which reaches functions only as ctx.env.GREETING.
export default async function handler(_req: unknown, ctx: { env: Record<string, string> }) {
  console.log("greeting read");
  return { greeting: ctx.env.GREETING ?? null };
}
`;

/** Signs a new person up in the browser and creates a project; returns its id. */
async function newProject(page: Page, name: string): Promise<string> {
  const signUp = new SignUpPage(page);
  await signUp.open();
  await signUp.submit({ name, email: `${name.toLowerCase()}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.test`, password: "correct horse battery" });
  await expect(page).toHaveURL(/\/projects$/);
  await new ProjectsPage(page).create(`${name} functions`);
  return new ProjectPage(page).projectId;
}

test("an editor invokes the seed function from the console and watches its invocation arrive in the live logs", async ({ page }) => {
  const projectId = await newProject(page, "Invoker");
  const functions = new FunctionsPanel(page);
  await functions.open(projectId);
  await functions.select("hello");
  await functions.waitForLive();
  await expect(functions.liveLog()).toContainText("Waiting for invocations");

  const result = await functions.invoke({ method: "GET", query: "name=Ada" });
  await expect(result.getByTestId("invoke-status")).toHaveText("200");
  await expect(result.getByTestId("invoke-body")).toContainText('"message": "Hello, Ada!"');

  const arrived = functions.liveLog().getByTestId("live-invocation");
  await expect(arrived).toHaveCount(1);
  await expect(arrived.first()).toContainText("200");
  await expect(arrived.first()).toContainText("api");
  await expect(functions.recentRows().first()).toContainText("200");
  await expect(functions.root.getByTestId("latency-chart")).toBeVisible();

  // A body that is not JSON is named before anything is sent: no new invocation arrives.
  const form = functions.root.getByRole("form", { name: "Invoke function" });
  await form.getByLabel("JSON body").fill("{ not json");
  await form.getByRole("button", { name: "Invoke" }).click();
  await expect(form.getByRole("alert")).toContainText("The body is not valid JSON");
  await expect(arrived).toHaveCount(1);
});

test("a secret set in Settings reaches a function as ctx.env and is never shown back", async ({ page }) => {
  const projectId = await newProject(page, "Secretive");
  await page.goto(`/projects/${projectId}/settings`);
  const setForm = page.getByRole("form", { name: "Set a secret" });
  await setForm.getByLabel("Name").fill("GREETING");
  await setForm.getByLabel("Value").fill("Bonjour from a secret");
  await setForm.getByRole("button", { name: "Save secret" }).click();
  await expect(page.getByRole("table", { name: "Secrets" }).getByTestId("secret-row")).toContainText("GREETING");
  await expect(setForm.getByLabel("Value")).toHaveValue("");
  await expect(page.getByText("Bonjour from a secret")).toHaveCount(0);

  // The function is written through the files API, from this page's origin with its session.
  const written = await page.evaluate(async ({ id, content }) => {
    const res = await fetch(`/api/projects/${id}/files/functions/greet.ts`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ content }) });
    return res.status;
  }, { id: projectId, content: GREET });
  expect(written).toBe(200);

  const functions = new FunctionsPanel(page);
  await functions.open(projectId, "greet");
  await expect(functions.root.getByRole("button", { name: /^greet,/ })).toHaveAttribute("aria-current", "true");
  const result = await functions.invoke({ method: "POST" });
  await expect(result.getByTestId("invoke-status")).toHaveText("200");
  await expect(result.getByTestId("invoke-body")).toContainText('"greeting": "Bonjour from a secret"');
  await expect(result).toContainText("greeting read");
});
