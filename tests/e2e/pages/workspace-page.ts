import { expect, type Locator, type Page } from "@playwright/test";

/** The builder's tabbed workspace: the tabs, the Code tab's editor, the History tab. */
export class WorkspacePage {
  constructor(readonly page: Page) {}

  tab(name: string): Locator {
    return this.page.getByRole("tab", { name, exact: true });
  }

  panel(name: string): Locator {
    return this.page.getByRole("tabpanel", { name, exact: true });
  }

  async openTab(name: string): Promise<void> {
    await this.tab(name).click();
    await expect(this.tab(name)).toHaveAttribute("aria-selected", "true");
  }

  /** A file's entry in the Code tab's file tree. */
  treeFile(name: string): Locator {
    return this.panel("Code").getByRole("region", { name: "Files" }).getByRole("button", { name, exact: true });
  }

  previewFrame() {
    return this.page.frameLocator('iframe[title="App preview"]');
  }

  /** Monaco's editable surface of the file open in the Code tab. */
  editor(): Locator {
    return this.panel("Code").locator(".monaco-editor").first();
  }

  /** Replaces one word of the open file, as a person would: double-click it and type. */
  async replaceWord(word: string, replacement: string): Promise<void> {
    await this.editor().locator(".view-line span", { hasText: word }).last().getByText(word).dblclick();
    await this.page.keyboard.type(replacement);
  }
}
