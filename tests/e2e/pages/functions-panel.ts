import { expect, type Locator, type Page } from "@playwright/test";

/** The builder's Functions tab: the function list, the invoke console, live logs and recent invocations. */
export class FunctionsPanel {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId("functions");
  }

  async open(projectId: string, name?: string): Promise<void> {
    await this.page.goto(`/projects/${projectId}/functions${name ? `/${name}` : ""}`);
    await expect(this.root).toBeVisible({ timeout: 30_000 });
  }

  /** Selects a function in the list; the URL follows. */
  async select(name: string): Promise<void> {
    await this.root.getByRole("navigation", { name: "Functions" }).getByRole("button", { name: new RegExp(`^${name},`) }).click();
    await expect(this.page).toHaveURL(new RegExp(`/functions/${name}$`));
  }

  /** The live log stream is open (so an invocation from now on arrives in it). */
  async waitForLive(): Promise<void> {
    await expect(this.root.getByTestId("live-status")).toHaveText("Live", { timeout: 15_000 });
  }

  /** Sends a test request from the console and waits for its answer. */
  async invoke(request: { method?: string; query?: string; body?: string } = {}): Promise<Locator> {
    const form = this.root.getByRole("form", { name: "Invoke function" });
    if (request.method) await form.getByLabel("Method").selectOption(request.method);
    if (request.query !== undefined) await form.getByLabel("Query string").fill(request.query);
    if (request.body !== undefined) await form.getByLabel("JSON body").fill(request.body);
    await form.getByRole("button", { name: "Invoke" }).click();
    const result = this.root.getByTestId("invoke-result");
    await expect(result).toBeVisible({ timeout: 30_000 });
    return result;
  }

  liveLog(): Locator {
    return this.root.getByRole("log", { name: "Live logs" });
  }

  recentRows(): Locator {
    return this.root.getByTestId("invocation-row");
  }
}
