import { expect, type Locator, type Page } from "@playwright/test";

/** Settings › Model and Settings › AI usage of one project. */
export class ModelSettings {
  constructor(readonly page: Page) {}

  async open(projectId: string): Promise<void> {
    await this.page.goto(`/projects/${projectId}/settings`);
    await expect(this.model()).toBeVisible();
  }

  model(): Locator {
    return this.page.getByRole("region", { name: "Model", exact: true });
  }

  usage(): Locator {
    return this.page.getByRole("region", { name: "AI usage", exact: true });
  }

  /** Chooses a custom OpenAI-compatible endpoint and saves it; the key field is empty again after. */
  async saveCustom(endpoint: { baseUrl: string; model: string; apiKey: string }): Promise<void> {
    const form = this.model().getByRole("form", { name: "Project model" });
    await form.getByRole("radio", { name: "Your own OpenAI-compatible endpoint" }).check();
    await form.getByLabel("Base URL").fill(endpoint.baseUrl);
    await form.getByLabel("Model name").fill(endpoint.model);
    await form.getByLabel("API key").fill(endpoint.apiKey);
    await form.getByRole("button", { name: "Save model" }).click();
    await expect(form.getByRole("status")).toHaveText("Saved.");
    await expect(form.getByLabel("API key")).toHaveValue("");
  }

  async testConnection(): Promise<void> {
    await this.model().getByRole("button", { name: "Test connection" }).click();
  }
}
