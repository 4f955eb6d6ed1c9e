import { expect, type Locator, type Page } from "@playwright/test";

/** The builder's Releases panel: cut, deploy to staging, promote, restore. */
export class ReleasesPanel {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId("releases");
  }

  /** Opens the builder's Releases tab. */
  async show(): Promise<void> {
    await this.page.getByRole("tab", { name: "Releases", exact: true }).click();
    await expect(this.root).toBeVisible();
  }

  env(name: "dev" | "staging" | "prod"): Locator {
    return this.root.getByTestId(`env-${name}`);
  }

  release(version: string): Locator {
    return this.root.getByTestId("release").and(this.root.locator(`[data-version="${version}"]`));
  }

  /** Cuts a release (version suggested unless given) and returns the version the server gave it. */
  async cut(notes: string, version?: string): Promise<string> {
    if (version) await this.root.getByLabel("Version").fill(version);
    await this.root.getByLabel("Notes").fill(notes);
    await this.root.getByTestId("cut-release").click();
    const message = this.root.getByTestId("release-message");
    await expect(message).toContainText(/Release \d+\.\d+\.\d+ is ready\./, { timeout: 60_000 });
    return /Release (\S+) is ready/.exec((await message.textContent()) ?? "")?.[1] ?? "";
  }

  async deployToStaging(version: string): Promise<void> {
    await this.release(version).getByTestId("deploy-staging").click();
    const plan = this.root.getByTestId("deploy-plan");
    await expect(plan).toContainText(`will serve ${version}`);
    await plan.getByTestId("deploy-plan-confirm").click();
    await expect(this.env("staging").getByTestId("env-version")).toHaveText(version, { timeout: 30_000 });
  }

  async promote(version: string): Promise<void> {
    await this.env("prod").getByTestId("promote").click();
    const plan = this.env("prod").getByTestId("promote-plan");
    await expect(plan).toContainText(`exactly what staging runs, ${version}`);
    await plan.getByTestId("promote-plan-confirm").click();
    await expect(this.env("prod").getByTestId("env-version")).toHaveText(version, { timeout: 30_000 });
  }

  /** Opens the restore plan of an earlier deployment of `env` to `version`; returns the plan box. */
  async reviewRestore(env: "staging" | "prod", version: string): Promise<Locator> {
    const card = this.env(env);
    await card.getByTestId("deployment").filter({ hasText: version }).getByTestId("restore-version").first().click();
    const plan = card.getByTestId("rollback-plan");
    await expect(plan).toContainText(`Restore ${version} on ${env}?`);
    return plan;
  }
}
