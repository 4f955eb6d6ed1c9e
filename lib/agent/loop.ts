import { log as rootLog, type Logger } from "@/lib/log";
import type { AgentEvent, StopReason } from "./events";
import { type ChatMessage, type ChatProvider, ProviderError, type ToolCall, type ToolSpec } from "./providers/provider";
import { type CallRecord, summarizeRun } from "./summarize-run";
import { type AgentTool, runToolCall, toolSpecs, type ToolOutcome } from "./tool";

/** Limits of one run; tokens count prompt and completion tokens of every step. */
export type AgentBudget = { maxSteps: number; maxTokens: number };

/** Everything one run needs; `messages` is the conversation so far, without the system prompt. */
export type RunAgentLoopInput = {
  provider: ChatProvider;
  system: string;
  messages: ChatMessage[];
  tools: AgentTool[];
  budget: AgentBudget;
  signal: AbortSignal;
  onEvent: (event: AgentEvent) => void;
  log?: Logger;
  /** How often a step is re-run after a transient provider failure; 1 unless set. */
  maxStepRetries?: number;
  /** The app's problems now (empty when it works); checked before a run that changed anything may complete. */
  checkApp?: () => Promise<string[]>;
};

/** How Myco's check of the app reaches the model; the offline planner knows it is no new request. */
export const APP_CHECK_NOTE = "Myco checked the app before finishing and found these problems. Fix them, then answer again:";

/** How a run ended; `messages` continues the conversation (without the system prompt). */
export type AgentRunResult = {
  reason: StopReason;
  summary: string;
  messages: ChatMessage[];
  steps: number;
  usage: { promptTokens: number; completionTokens: number };
};

/** The same call (name and arguments) failing this often means the model is stuck. */
const REPEATED_FAILURE_LIMIT = 3;

type Run = {
  input: RunAgentLoopInput;
  log: Logger;
  specs: ToolSpec[];
  messages: ChatMessage[];
  steps: number;
  usage: { promptTokens: number; completionTokens: number };
  records: CallRecord[];
  failuresByCall: Map<string, number>;
  /** What the last app check found. */
  problems: string[];
};

type Answer = { text: string; calls: ToolCall[]; finishReason: string };

async function streamStep(run: Run): Promise<Answer> {
  const { provider, system, signal, onEvent } = run.input;
  const answer: Answer = { text: "", calls: [], finishReason: "stop" };
  let answeredBy = { provider: provider.name, model: provider.model };
  const messages: ChatMessage[] = [{ role: "system", content: system }, ...run.messages];
  for await (const event of provider.stream({ messages, tools: run.specs, signal })) {
    if (event.type === "provider") answeredBy = { provider: event.name, model: event.model };
    if (event.type === "text") {
      answer.text += event.delta;
      onEvent(event);
    }
    if (event.type === "tool_calls") {
      answer.calls = event.calls.map((c, i) => ({
        id: c.id || `call_${run.steps}_${i}`,
        type: "function",
        function: { name: c.name, arguments: c.arguments },
      }));
    }
    if (event.type === "done") answer.finishReason = event.finishReason;
    if (event.type === "usage") {
      run.usage.promptTokens += event.promptTokens;
      run.usage.completionTokens += event.completionTokens;
      onEvent({ ...event, ...answeredBy });
    }
  }
  return answer;
}

/** One model turn, re-run after a transient failure; a stop reason when the run cannot go on. */
async function answerStep(run: Run): Promise<Answer | StopReason> {
  const maxRetries = run.input.maxStepRetries ?? 1;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await streamStep(run);
    } catch (err) {
      if (run.input.signal.aborted) return "aborted";
      if (!(err instanceof ProviderError)) {
        run.log.error("agent.step.crashed", { step: run.steps }, err);
        return "error";
      }
      run.log.warn("agent.step.failed", { step: run.steps, provider: err.provider, failure: err.failure, attempt });
      if (!err.isTransient || attempt >= maxRetries) return "error";
      run.input.onEvent({ type: "step_retry", step: run.steps });
    }
  }
}

/**
 * Runs the calls of one answer in the order asked: consecutive read-only calls together, every other
 * call alone, so two edits of one file (or two changes of package.json) never read the same version.
 */
async function runCalls(run: Run, calls: ToolCall[]): Promise<ToolOutcome[]> {
  const { tools, signal, onEvent } = run.input;
  const runOne = async (c: ToolCall) => {
    const outcome = await runToolCall(c, tools, { toolCallId: c.id, signal, log: run.log });
    onEvent({ type: "tool_result", id: c.id, ok: outcome.ok, result: outcome.content });
    return outcome;
  };
  const isReadOnly = (c: ToolCall) => tools.find((t) => t.name === c.function.name)?.readOnly === true;
  const outcomes: ToolOutcome[] = [];
  for (let i = 0; i < calls.length; ) {
    let end = i + 1;
    while (end < calls.length && isReadOnly(calls[i] as ToolCall) && isReadOnly(calls[end] as ToolCall)) end += 1;
    outcomes.push(...(await Promise.all(calls.slice(i, end).map(runOne))));
    i = end;
  }
  return outcomes;
}

/** Runs the calls; their results go back in the order the model asked for them. */
async function runTools(run: Run, calls: ToolCall[]): Promise<StopReason | undefined> {
  for (const c of calls) run.input.onEvent({ type: "tool_call", id: c.id, name: c.function.name, arguments: c.function.arguments });
  const outcomes = await runCalls(run, calls);
  let isStuck = false;
  calls.forEach((c, i) => {
    const outcome = outcomes[i] ?? { ok: false, content: "Error: no result." };
    run.messages.push({ role: "tool", tool_call_id: c.id, content: outcome.content });
    run.records.push({ name: c.function.name, ok: outcome.ok, result: outcome.content });
    if (outcome.ok) return;
    const key = `${c.function.name}\u0000${c.function.arguments.trim()}`;
    const failures = (run.failuresByCall.get(key) ?? 0) + 1;
    run.failuresByCall.set(key, failures);
    if (failures >= REPEATED_FAILURE_LIMIT) isStuck = true;
  });
  return isStuck ? "repeated_failure" : undefined;
}

// Any change the run tried, done or refused: a failed write may leave the app broken too.
const triedChanges = (run: Run) => run.records.some((r) => run.input.tools.find((t) => t.name === r.name)?.readOnly !== true);

/**
 * Before a run that changed the app may complete, the app is checked. Problems go back to the model while
 * steps remain and it still makes progress (the same problems twice end the run); a run that ends with
 * problems is `unverified`, naming them. Undefined means: the model has more to do.
 */
async function verify(run: Run): Promise<StopReason | undefined> {
  if (!run.input.checkApp || !triedChanges(run)) return "completed";
  const problems = await run.input.checkApp();
  const repeated = problems.length > 0 && problems.join("\n") === run.problems.join("\n");
  run.problems = problems;
  if (problems.length === 0) return "completed";
  run.log.info("agent.app_check.failed", { step: run.steps, problems: problems.length });
  if (repeated || run.steps >= run.input.budget.maxSteps) return "unverified";
  run.messages.push({ role: "user", content: `${APP_CHECK_NOTE}\n${problems.map((p) => `- ${p}`).join("\n")}` });
  return undefined;
}

async function drive(run: Run): Promise<StopReason> {
  const { budget, signal } = run.input;
  while (run.steps < budget.maxSteps) {
    if (signal.aborted) return "aborted";
    run.steps += 1;
    const answer = await answerStep(run);
    if (typeof answer === "string") return answer;
    const toolCalls = answer.calls.length > 0 ? { tool_calls: answer.calls } : {};
    run.messages.push({ role: "assistant", content: answer.text || null, ...toolCalls });
    if (answer.calls.length === 0) {
      if (answer.finishReason === "declined") return "declined";
      const verdict = await verify(run);
      if (verdict) return verdict;
      continue;
    }
    const stop = await runTools(run, answer.calls);
    if (signal.aborted) return "aborted";
    if (stop) return stop;
    if (run.usage.promptTokens + run.usage.completionTokens >= budget.maxTokens) return "max_tokens";
  }
  return "max_steps";
}

/**
 * Runs the agent: each step streams the model, then runs the tool calls it asked for, until the model
 * answers without tools or a budget, a stuck call, an abort or a provider failure stops it. Never throws
 * for those; `done` is always the last event.
 */
export async function runAgentLoop(input: RunAgentLoopInput): Promise<AgentRunResult> {
  const run: Run = {
    input,
    log: input.log ?? rootLog.child({ component: "agent" }),
    specs: toolSpecs(input.tools),
    messages: [...input.messages],
    steps: 0,
    usage: { promptTokens: 0, completionTokens: 0 },
    records: [],
    failuresByCall: new Map(),
    problems: [],
  };
  const reason = await drive(run);
  const summary = summarizeRun(reason, run.records, reason === "unverified" ? run.problems : []);
  run.log.info("agent.run.done", { reason, steps: run.steps, ...run.usage });
  input.onEvent({ type: "done", reason, summary });
  return { reason, summary, messages: run.messages, steps: run.steps, usage: run.usage };
}
