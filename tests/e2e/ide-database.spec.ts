import { expect, test } from "@playwright/test";
import { SignUpPage } from "./pages/auth-pages";
import { ProjectPage, ProjectsPage } from "./pages/project-pages";
import { DatabasePanel } from "./pages/database-panel";

test.setTimeout(120_000);

const BOOKS = {
  name: "add_books",
  operations: [{ op: "create_table", table: "books", columns: [{ name: "title", type: "text", nullable: false }, { name: "pages", type: "integer" }] }],
};

test("an editor adds a row to a dev table, edits it inline, reads it back with SQL, and deletes it", async ({ page }) => {
  await new SignUpPage(page).open();
  await new SignUpPage(page).submit({ name: "Librarian", email: `librarian-${Date.now()}@example.test`, password: "correct horse battery" });
  await new ProjectsPage(page).create("Library");
  const projectId = new ProjectPage(page).projectId;
  // The table comes from a migration through the API, with the page's own session, as an app's would.
  const created = await page.evaluate(async ({ id, body }) => (await fetch(`/api/projects/${id}/db/migrations`, {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body),
  })).status, { id: projectId, body: BOOKS });
  expect(created).toBe(201);

  const db = new DatabasePanel(page);
  await db.open(projectId);
  await expect(db.root.getByText("0001_add_books")).toBeVisible();
  await expect(db.table("books")).toContainText("0 rows");
  await db.table("books").click();
  await expect(page).toHaveURL(new RegExp(`/projects/${projectId}/database/books$`));
  await expect(db.root.getByRole("table", { name: "Columns of books" })).toContainText("title");
  await expect(db.root.getByText("No rows yet.")).toBeVisible();

  await db.addRow("books", { title: "Dune", pages: "412" });
  await expect(db.rows("books")).toContainText("Dune");
  await expect(db.table("books")).toContainText("1 row");

  await db.editRow("id = 1", { title: "Dune Messiah" });
  await expect(db.rows("books")).toContainText("Dune Messiah");

  const result = await db.query("SELECT title, pages FROM books WHERE id = 1");
  await expect(result).toContainText("Dune Messiah");
  await expect(result).toContainText("412");

  // A reload keeps the table selected (the URL names it) and shows the saved value.
  await db.open(projectId, "books");
  await expect(db.rows("books")).toContainText("Dune Messiah");

  await db.deleteRow("id = 1");
  await expect(db.root.getByText("No rows yet.")).toBeVisible();
  await expect(db.table("books")).toContainText("0 rows");
});
