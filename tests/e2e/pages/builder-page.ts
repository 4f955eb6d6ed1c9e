import { expect, type Locator, type Page } from "@playwright/test";

/** Statuses a run shows in its data-status attribute. */
export type RunStatus = "running" | "succeeded" | "failed" | "stopped";

/** The builder on a project's page: the agent's chat (runs oldest first, newest last) and the preview. */
export class BuilderPage {
  constructor(readonly page: Page) {}

  async open(projectId: string): Promise<void> {
    await this.page.goto(`/projects/${projectId}`);
  }

  prompt(): Locator {
    return this.page.getByTestId("agent-prompt");
  }

  submitButton(): Locator {
    return this.page.getByTestId("agent-submit");
  }

  stopButton(): Locator {
    return this.page.getByTestId("agent-stop");
  }

  /** Every run shown, oldest first. */
  runs(): Locator {
    return this.page.getByTestId("agent-run");
  }

  /** The newest run (the one streaming, once a prompt was accepted). */
  lastRun(): Locator {
    return this.runs().last();
  }

  run(runId: string): Locator {
    return this.page.locator(`[data-testid="agent-run"][data-run-id="${runId}"]`);
  }

  /** A run's tool call cards, optionally only those of one tool. */
  toolCalls(run: Locator, tool?: string): Locator {
    const cards = run.getByTestId("agent-tool-call");
    return tool ? cards.and(this.page.locator(`[data-tool="${tool}"]`)) : cards;
  }

  /** The run's assistant text: one block per stretch between tool calls, joined. */
  async assistantText(run: Locator): Promise<string> {
    return (await run.getByTestId("agent-text").allInnerTexts()).join("\n");
  }

  summary(run: Locator): Locator {
    return run.getByTestId("agent-summary");
  }

  filesChanged(run: Locator): Locator {
    return run.getByTestId("agent-files");
  }

  usage(run: Locator): Locator {
    return run.getByTestId("agent-usage");
  }

  undoButton(run: Locator): Locator {
    return run.getByTestId("agent-undo");
  }

  /** Errors anywhere in the chat (refused runs, failed streams, failed undo), each with role="alert". */
  errors(): Locator {
    return this.page.getByTestId("agent-error");
  }

  previewFrame(): Locator {
    return this.page.getByTitle("App preview");
  }

  /** Types a prompt and presses Build; returns the new run (shown last, below the earlier ones). */
  async build(prompt: string): Promise<Locator> {
    await expect(this.page.getByText("Loading runs…")).toHaveCount(0); // count only once the history is in
    const before = await this.runs().count();
    await this.prompt().fill(prompt);
    await this.submitButton().click();
    await expect(this.runs()).toHaveCount(before + 1);
    return this.runs().nth(before);
  }

  /** Waits until a run is no longer running and returns its status. */
  async waitForFinish(run: Locator, timeoutMs = 30_000): Promise<RunStatus> {
    await expect(run).not.toHaveAttribute("data-status", "running", { timeout: timeoutMs });
    return (await run.getAttribute("data-status")) as RunStatus;
  }

  /** Opens a run's undo review (what it will revert) without confirming it. */
  async reviewUndo(run: Locator): Promise<Locator> {
    await this.undoButton(run).click();
    const plan = run.getByTestId("agent-undo-plan");
    await expect(plan).toContainText("Undo this run?");
    return plan;
  }

  async undo(run: Locator): Promise<void> {
    const plan = await this.reviewUndo(run);
    await plan.getByTestId("agent-undo-confirm").click();
    await expect(this.undoButton(run)).toBeDisabled();
    await expect(run).toContainText("undone");
  }
}
