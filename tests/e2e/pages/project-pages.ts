import { expect, type Page } from "@playwright/test";

/** The project list. */
export class ProjectsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto("/projects");
  }

  async create(name: string): Promise<void> {
    const form = this.page.getByRole("form", { name: "New project" });
    await form.getByLabel("New project").fill(name);
    await form.getByRole("button", { name: "Create project" }).click();
    await expect(this.page.getByRole("heading", { level: 1, name })).toBeVisible();
  }

  project(name: string) {
    return this.page.getByRole("list", { name: "Your projects" }).getByRole("listitem").filter({ hasText: name });
  }
}

/** One project's page. */
export class ProjectPage {
  constructor(readonly page: Page) {}

  get projectId(): string {
    const id = /\/projects\/([0-9a-f-]{36})/.exec(this.page.url())?.[1];
    if (!id) throw new Error(`not on a project page: ${this.page.url()}`);
    return id;
  }

  myRole() {
    return this.page.getByTestId("my-role");
  }

  /** Opens the builder's Settings tab (name, members, secrets, tokens, danger zone). */
  async openSettings(): Promise<void> {
    await this.page.getByRole("tab", { name: "Settings", exact: true }).click();
    await expect(this.page.getByTestId("settings")).toBeVisible();
  }

  renameForm() {
    return this.page.getByRole("form", { name: "Rename project" });
  }

  inviteForm() {
    return this.page.getByRole("form", { name: "Invite member" });
  }

  member(email: string) {
    return this.page.getByTestId("member-row").filter({ hasText: email });
  }

  async invite(email: string, role: "viewer" | "editor" | "owner"): Promise<void> {
    const form = this.inviteForm();
    await form.getByLabel("Invite by email").fill(email);
    await form.getByLabel("Role").selectOption(role);
    await form.getByRole("button", { name: "Invite" }).click();
    await expect(this.member(email)).toBeVisible();
  }

  async rename(name: string): Promise<void> {
    await this.renameForm().getByLabel("Project name").fill(name);
    await this.renameForm().getByRole("button", { name: "Rename" }).click();
    await expect(this.page.getByRole("heading", { level: 1, name })).toBeVisible();
  }

  /** Calls the API from inside the page (its origin, its session cookie), as a curious user could. */
  async patchProjectFromPage(body: unknown): Promise<{ status: number; code: string | undefined }> {
    return this.page.evaluate(
      async ({ id, payload }) => {
        const res = await fetch(`/api/projects/${id}`, {
          method: "PATCH",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(payload),
        });
        const json = (await res.json()) as { error?: { code: string } };
        return { status: res.status, code: json.error?.code };
      },
      { id: this.projectId, payload: body },
    );
  }
}
