import { expect, type Locator, type Page } from "@playwright/test";

/** The builder's Database tab: tables, rows (add, inline edit, delete), the SQL box, migrations. */
export class DatabasePanel {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole("region", { name: "Database" });
  }

  async open(projectId: string, table?: string): Promise<void> {
    await this.page.goto(`/projects/${projectId}/database${table ? `/${table}` : ""}`);
    await expect(this.root).toBeVisible();
  }

  table(name: string): Locator {
    return this.root.getByRole("navigation", { name: "Tables" }).getByRole("button", { name: new RegExp(`^${name}\\b`) });
  }

  rows(table: string): Locator {
    return this.root.getByRole("table", { name: `Rows of ${table}` });
  }

  async addRow(table: string, values: Record<string, string>): Promise<void> {
    await this.root.getByRole("button", { name: "Add row" }).click();
    const form = this.root.getByRole("form", { name: `Add a row to ${table}` });
    for (const [column, value] of Object.entries(values)) await form.getByLabel(column, { exact: true }).fill(value);
    await form.getByRole("button", { name: "Save row" }).click();
    await expect(form).toBeHidden();
  }

  /** Edits the row whose key reads `key` (e.g. "id = 1") inline. */
  async editRow(key: string, values: Record<string, string>): Promise<void> {
    await this.root.getByRole("button", { name: `Edit row ${key}` }).click();
    for (const [column, value] of Object.entries(values)) await this.root.getByLabel(`Edit ${column}`, { exact: true }).fill(value);
    await this.root.getByRole("button", { name: `Save row ${key}` }).click();
    await expect(this.root.getByLabel(`Edit ${Object.keys(values)[0]}`, { exact: true })).toBeHidden();
  }

  async deleteRow(key: string): Promise<void> {
    await this.root.getByRole("button", { name: `Delete row ${key}` }).click();
    const confirm = this.root.getByRole("alertdialog");
    await expect(confirm).toContainText(key);
    await confirm.getByRole("button", { name: "Delete row" }).click();
  }

  async query(sql: string): Promise<Locator> {
    await this.root.getByLabel("SQL query").fill(sql);
    await this.root.getByRole("button", { name: "Run query" }).click();
    return this.root.getByTestId("query-result");
  }
}
