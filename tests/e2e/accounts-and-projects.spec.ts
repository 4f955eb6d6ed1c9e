import { expect, test, type Browser } from "@playwright/test";
import { SignInPage, SignUpPage } from "./pages/auth-pages";
import { ProjectPage, ProjectsPage } from "./pages/project-pages";

const PASSWORD = "correct horse battery";

function uniqueEmail(name: string): string {
  return `${name}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.test`;
}

async function signedUpPage(browser: Browser, name: string, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const signUp = new SignUpPage(page);
  await signUp.open();
  await signUp.submit({ name, email, password: PASSWORD });
  await expect(page).toHaveURL(/\/projects$/);
  return page;
}

test("an owner creates a project and invites a colleague, who sees it read-only", async ({ browser }) => {
  const aliceEmail = uniqueEmail("alice");
  const bobEmail = uniqueEmail("bob");
  const alice = await signedUpPage(browser, "Alice", aliceEmail);
  await new ProjectsPage(alice).create("Team CRM");
  const aliceProject = new ProjectPage(alice);
  await expect(aliceProject.myRole()).toHaveText("owner");
  await aliceProject.openSettings();
  await aliceProject.rename("Team CRM v2");
  await aliceProject.invite(bobEmail, "viewer");
  await expect(aliceProject.member(bobEmail)).toContainText("invited");

  const bob = await signedUpPage(browser, "Bob", bobEmail);
  const bobProjects = new ProjectsPage(bob);
  await expect(bobProjects.project("Team CRM v2")).toContainText("viewer");
  await bobProjects.project("Team CRM v2").getByRole("link").click();
  const bobProject = new ProjectPage(bob);
  await expect(bobProject.myRole()).toHaveText("viewer");
  await expect(bob.getByText("(read-only)")).toBeVisible();
  await bobProject.openSettings();
  await expect(bobProject.member(bobEmail)).toBeVisible();
  await expect(bobProject.renameForm()).toHaveCount(0);
  await expect(bobProject.inviteForm()).toHaveCount(0);
  expect(await bobProject.patchProjectFromPage({ name: "Hijacked" })).toEqual({ status: 403, code: "forbidden" });

  await alice.reload();
  await expect(aliceProject.member(bobEmail)).toContainText("active");
  await expect(alice.getByRole("heading", { level: 1 })).toHaveText("Team CRM v2");
});

test("a bad sign-up shows the error under the field at fault", async ({ page }) => {
  const signUp = new SignUpPage(page);
  await signUp.open();
  await signUp.submit({ name: "Carol", email: "not-an-email", password: PASSWORD });
  await expect(signUp.fieldError("email")).toHaveText("must be a valid email address");
  await signUp.submit({ name: "Carol", email: uniqueEmail("carol"), password: "short" });
  await expect(signUp.fieldError("password")).toHaveText("must be at least 8 characters");
  await expect(signUp.fieldError("email")).toHaveCount(0);
  await expect(page).toHaveURL(/\/sign-up$/);
});

test("sign-in refuses a wrong password and accepts the right one", async ({ browser }) => {
  const email = uniqueEmail("dave");
  const first = await signedUpPage(browser, "Dave", email);
  await first.context().close();

  const context = await browser.newContext();
  const page = await context.newPage();
  const signIn = new SignInPage(page);
  await signIn.signIn(email, "wrong password");
  await expect(signIn.error()).toHaveText("Wrong email or password.");
  await signIn.signIn(email, PASSWORD);
  await expect(page).toHaveURL(/\/projects$/);
  await signIn.expectSignedInAs(email);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto("/projects");
  await expect(page).toHaveURL(/\/sign-in$/);
});
