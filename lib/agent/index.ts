/**
 * The agent: a loop that streams a chat model, runs the tools it asks for with zod-validated arguments,
 * and stops on completion, a budget, a stuck call, an abort or a provider failure; behind it, OpenAI-compatible
 * providers with failover and a circuit breaker per provider.
 */
/** The agent loop, its budget and its result. */
export { runAgentLoop, type AgentBudget, type AgentRunResult, type RunAgentLoopInput } from "./loop";
/** What a run reports to the UI, and why it stopped. */
export type { AgentEvent, StopReason } from "./events";
/** The account of a run's tool calls that ends every run. */
export { summarizeRun, type CallRecord } from "./summarize-run";
/** Tools: definition, JSON Schema specs for the model, and one validated call. */
export { defineTool, runToolCall, toolSpecs, type AgentTool, type ToolContext, type ToolOutcome } from "./tool";
/** The provider contract, its messages and its classified failures. */
export {
  ProviderError,
  type ChatMessage,
  type ChatProvider,
  type ProviderEvent,
  type ProviderFailure,
  type ProviderRequest,
  type ToolCall,
  type ToolSpec,
} from "./providers/provider";
/** Any OpenAI-compatible endpoint, through the openai SDK. */
export { openAiProvider, parseRetryAfterSeconds, type OpenAiProviderOptions } from "./providers/openai";
/** Several providers in order, with a circuit breaker per provider. */
export { failoverProvider, type FailoverOptions, type FailoverProvider, type ProviderHealth } from "./providers/failover";
/**
 * The offline planner: a plain-language request → entities, fields and relations → the migration,
 * CRUD functions, blueprint and (for charts) a component a model would write, as tool calls.
 */
export { parseRequest } from "./offline/parse-request";
export type { AppSpec } from "./offline/app-spec";
export { planApp, type AppPlan } from "./offline/plan-app";
export { toToolCalls } from "./offline/to-tool-calls";
/** The built-in provider when no model is configured: the offline planner behind the ChatProvider interface. */
export { offlineProvider } from "./providers/offline";
/** The agent's tools over one project, bound to a run's session (who acts, what it read and changed). */
export { createProjectTools, type ToolSession } from "./tools";
/** Errors the builder's preview reported, kept briefly in memory for read_preview_errors. */
export { PreviewErrorInput, clearPreviewErrors, listPreviewErrors, recordPreviewError, type PreviewError } from "./preview-errors";
/** Agent runs on a project: start (streamed), watch from anywhere, stop, undo, and the history by cursor. */
export { AgentRunInput, startAgentRun, type StartRunOptions } from "./run/start-run";
export type { RunStreamEvent } from "./run/broadcast-run";
export { RunsQuery, listAgentRuns, type RunMessage, type RunView } from "./run/run-view";
export { watchAgentRun } from "./run/watch-run";
/** Start-up, and every minute among several nodes: runs whose node died become failed, reason "interrupted". */
export { interruptRuns, orphanSweeper } from "./run/interrupt-runs";
export { UndoRunInput, stopAgentRun, undoAgentRun, type UndoneRun } from "./run/undo-run";
/** What undoing a run would revert (its commits, later runs and edits, files, the dev database), to confirm first. */
export { planUndo, type RevertedCommit, type UndoPlan } from "./run/plan-undo";
/** The project's model: the server's default, one of its providers by name, or its own endpoint (key sealed, address vetted). */
export { ProjectModelInput, getProjectModel, updateProjectModel, type ModelChoice, type ProjectModelView } from "./model/project-model";
/** A one-line completion against the project's model, answered as ok with latency or a message to act on. */
export { MODEL_TEST_TIMEOUT_MS, testProjectModel, type ModelTestResult } from "./model/test-model";
/** The provider a project's runs use. */
export { projectProvider } from "./model/project-provider";
/** Tokens per day (last 30 days) and per recent run, from the usage each run records. */
export { AiUsageQuery, USAGE_DAYS, getAiUsage, type AiUsageView, type DayUsage, type RunUsage, type UserUsage } from "./model/ai-usage";
/** Monthly token budgets per project and per user: checked before each run, warned about at 80 %. */
export { BUDGET_WARNING_SHARE, ProjectBudgetInput, getBudgets, setProjectBudget, type BudgetView, type Budgets } from "./model/budgets";
