import { expect, type Page } from "@playwright/test";

/** The sign-up page. */
export class SignUpPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto("/sign-up");
  }

  async submit(user: { name: string; email: string; password: string }): Promise<void> {
    const form = this.page.getByRole("form", { name: "Sign up" });
    await form.getByLabel("Name").fill(user.name);
    await form.getByLabel("Email").fill(user.email);
    await form.getByLabel("Password").fill(user.password);
    await form.getByRole("button", { name: "Create account" }).click();
  }

  fieldError(field: "name" | "email" | "password") {
    return this.page.getByTestId(`error-${field}`);
  }
}

/** The sign-in page. */
export class SignInPage {
  constructor(readonly page: Page) {}

  async signIn(email: string, password: string): Promise<void> {
    await this.page.goto("/sign-in");
    const form = this.page.getByRole("form", { name: "Sign in" });
    await form.getByLabel("Email").fill(email);
    await form.getByLabel("Password").fill(password);
    await form.getByRole("button", { name: "Sign in" }).click();
  }

  error() {
    return this.page.getByRole("form", { name: "Sign in" }).getByRole("alert");
  }

  async expectSignedInAs(email: string): Promise<void> {
    await expect(this.page.getByTestId("current-user")).toHaveText(email);
  }
}
