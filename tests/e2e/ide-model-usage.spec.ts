import { expect, test } from "@playwright/test";
import { SignUpPage } from "./pages/auth-pages";
import { ModelSettings } from "./pages/model-settings";
import { ProjectPage, ProjectsPage } from "./pages/project-pages";
import { startFakeLlmServer, type FakeLlmServer } from "../support/model-server";

// The default e2e server allows 127.0.0.1 for projects' own endpoints (AI_ALLOW_PRIVATE_HOSTS in
// playwright.config.ts), where this test's fake model server listens on a port of its own.
let model: FakeLlmServer;

test.beforeAll(async () => {
  model = await startFakeLlmServer();
});

test.afterAll(async () => {
  await model.close();
});

test("an owner sees no usage yet, points the project at an endpoint of their own and tests the connection", async ({ page }) => {
  await new SignUpPage(page).open();
  await new SignUpPage(page).submit({ name: "Model owner", email: `model-owner-${Date.now()}@example.test`, password: "correct horse battery" });
  await new ProjectsPage(page).create("Own model");
  const projectId = new ProjectPage(page).projectId;

  const settings = new ModelSettings(page);
  await settings.open(projectId);
  await expect(settings.usage()).toContainText("No agent runs yet");
  await expect(settings.model()).toContainText("The agent uses the server's default model.");

  await settings.saveCustom({ baseUrl: model.baseURL, model: "e2e-custom-model", apiKey: "sk-e2e-own-key" });
  await expect(settings.model()).toContainText(`e2e-custom-model at ${model.baseURL} (with a stored key)`);
  await expect(settings.model()).not.toContainText("sk-e2e-own-key");

  model.enqueue({ text: "OK" });
  await settings.testConnection();
  await expect(settings.model().getByRole("status").filter({ hasText: "Connected" })).toContainText("Connected: e2e-custom-model answered in");
  expect(model.requests.at(-1)?.body.model).toBe("e2e-custom-model");
  expect(model.requests.at(-1)?.headers.authorization).toBe("Bearer sk-e2e-own-key");

  // The key is never sent back: after a reload the form still only says one is stored.
  await page.reload();
  await expect(settings.model().getByLabel("API key")).toHaveValue("");
  await expect(settings.model().getByLabel("API key")).toHaveAttribute("placeholder", "Stored; leave empty to keep it");
});
