import { expect, test, type FrameLocator, type Page } from "@playwright/test";
import { SignInPage, SignUpPage } from "./pages/auth-pages";
import { ProjectsPage } from "./pages/project-pages";
import { BuilderPage } from "./pages/builder-page";
import { apiUser } from "./support/api";
import { MODEL_PORT, MODEL_SERVER_PORT } from "./support/servers";
import { startFakeLlmServer, type FakeLlmServer } from "../support/model-server";
import { parseRequest } from "@/lib/agent/offline/parse-request";
import { planApp } from "@/lib/agent/offline/plan-app";
import { toToolCalls } from "@/lib/agent/offline/to-tool-calls";

const TODO_REQUEST = "a todo app with title, due date and priority";

/** Adds a todo through the generated app in the preview and expects to see it listed. */
async function addTodoInPreview(app: FrameLocator, title: string): Promise<void> {
  await app.getByRole("link", { name: "Todos" }).click();
  await app.getByRole("button", { name: "New todo" }).click();
  const dialog = app.getByRole("dialog");
  await dialog.getByLabel("Title").fill(title);
  await dialog.getByLabel("Due date").fill("2026-12-24");
  await dialog.getByLabel("Priority").selectOption({ index: 1 });
  await dialog.getByRole("button", { name: "Add todo" }).click();
  await expect(app.getByRole("table")).toContainText(title);
}

async function newProject(page: Page, name: string): Promise<BuilderPage> {
  await new ProjectsPage(page).create(name);
  return new BuilderPage(page);
}

test("a new user describes a todo app and uses it in the preview (offline provider)", async ({ page }) => {
  const signUp = new SignUpPage(page);
  await signUp.open();
  await signUp.submit({ name: "Newcomer", email: `newcomer-${Date.now()}@example.test`, password: "correct horse battery" });
  await expect(page).toHaveURL(/\/projects$/);
  const builder = await newProject(page, "My todos");

  const run = await builder.build(TODO_REQUEST);
  await expect(builder.stopButton()).toBeVisible();
  await expect(builder.toolCalls(run, "change_db_schema")).toHaveCount(1);
  expect(await builder.waitForFinish(run)).toBe("succeeded");
  for (const tool of ["change_db_schema", "write_function", "update_blueprint"]) {
    await expect(builder.toolCalls(run, tool).first()).toHaveAttribute("data-ok", "true");
  }
  await expect(builder.filesChanged(run)).toContainText("functions/todos.ts");
  await expect(builder.filesChanged(run)).toContainText("app.json");
  expect(await builder.assistantText(run)).toContain("todos: title (text), due_date (date), priority (enum)");
  await expect(builder.summary(run)).toContainText("update_blueprint");
  await expect(builder.usage(run)).toContainText("offline");

  await addTodoInPreview(builder.page.frameLocator('iframe[title="App preview"]'), "Wrap presents");

  const plan = await builder.reviewUndo(run);
  await expect(plan).toContainText("The dev database goes back to its copy from before the run");
  await expect(plan).toContainText("todos: 1 row now, 0 rows after the undo");
  await plan.getByRole("button", { name: "Cancel" }).click();
  await builder.undo(run);
  const app = builder.page.frameLocator('iframe[title="App preview"]');
  await expect(app.getByRole("heading", { name: "My todos" })).toBeVisible();
  await expect(app.getByRole("link", { name: "todos" })).toHaveCount(0);
});

test.describe("through an OpenAI-compatible model", () => {
  test.use({ baseURL: `http://localhost:${MODEL_PORT}` });
  let model: FakeLlmServer;

  test.beforeAll(async () => {
    // What a model answers: the tool calls for the app (arguments streamed in small fragments), then a summary.
    const plan = planApp(parseRequest(TODO_REQUEST));
    const toolCalls = toToolCalls(plan).map((c) => ({ name: c.name, arguments: JSON.stringify(c.arguments) }));
    model = await startFakeLlmServer(
      [
        { text: "I'll create the table, its function and the pages.", toolCalls, chunkSize: 40, usage: { promptTokens: 2100, completionTokens: 3400 } },
        { text: "Done: a todos table with title, due date and priority, a page to list and add them.", usage: { promptTokens: 6200, completionTokens: 40 } },
      ],
      MODEL_SERVER_PORT,
    );
  });

  test.afterAll(async () => {
    await model.close();
  });

  test("the same request builds the same working app, streamed from the model", async ({ page, request }) => {
    const user = await apiUser(request, "Modeller");
    await new SignInPage(page).signIn(user.email, "a long enough password");
    const builder = await newProject(page, "Model todos");

    const run = await builder.build(TODO_REQUEST);
    expect(await builder.waitForFinish(run)).toBe("succeeded");
    const text = await builder.assistantText(run);
    expect(text).toContain("I'll create the table");
    expect(text).toContain("Done: a todos table");
    await expect(builder.usage(run)).toContainText("8300 prompt + 3440 completion tokens");
    await expect(builder.toolCalls(run, "update_blueprint")).toHaveAttribute("data-ok", "true");
    expect(model.requests).toHaveLength(2);
    expect(model.requests[0]?.headers.authorization).toBe("Bearer e2e");

    await addTodoInPreview(builder.page.frameLocator('iframe[title="App preview"]'), "Call the model");
  });
});

test.describe("a run watched from a second tab", () => {
  test.use({ baseURL: `http://localhost:${MODEL_PORT}` });
  let model: FakeLlmServer;

  test.beforeAll(async () => {
    // A first step, then a model that never answers: the run stays running until it is stopped.
    model = await startFakeLlmServer([{ text: "Reading the blueprint before adding the page.", toolCalls: [{ name: "read_blueprint", arguments: "{}" }], chunkSize: 40 }, { hang: true }], MODEL_SERVER_PORT);
  });

  test.afterAll(async () => {
    await model.close();
  });

  test("a run started in one tab streams in a second tab opened meanwhile, which can stop it", async ({ page, context, request }) => {
    const user = await apiUser(request, "Tabs");
    await new SignInPage(page).signIn(user.email, "a long enough password");
    const builder = await newProject(page, "Two tabs");
    const run = await builder.build("Add a notes page");
    await expect(builder.toolCalls(run, "read_blueprint")).toHaveAttribute("data-ok", "true");

    const second = new BuilderPage(await context.newPage());
    await second.page.goto(page.url());
    const watched = second.lastRun();
    await expect(second.toolCalls(watched, "read_blueprint")).toHaveAttribute("data-ok", "true");
    await expect(watched).toHaveAttribute("data-status", "running");
    expect(await second.assistantText(watched)).toBe("Reading the blueprint before adding the page.");
    await second.stopButton().click();
    expect(await second.waitForFinish(watched)).toBe("stopped");
    expect(await builder.waitForFinish(run)).toBe("stopped");
    await expect(second.stopButton()).toHaveCount(0);
  });
});
