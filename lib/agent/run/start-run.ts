import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { ProjectScope } from "@/lib/auth";
import { getConfig } from "@/lib/config";
import { getDb, recordAudit } from "@/lib/db";
import type { Logger } from "@/lib/log";
import { enforceRateLimit } from "@/lib/security";
import { snapshotTenantDb } from "@/lib/tenant-db";
import { asLeaseHolder, getHeadSha, leaseWorkspace } from "@/lib/workspace";
import type { AgentEvent } from "../events";
import { runAgentLoop, type AgentRunResult } from "../loop";
import { checkApp } from "../verify/check-app";
import { projectProvider } from "../model/project-provider";
import { assertBudgetLeft } from "../model/budgets";
import type { ChatProvider } from "../providers/provider";
import { createProjectTools, type ToolSession } from "../tools";
import { abortRun, claimProject, releaseProject } from "./active-runs";
import { loadConversation } from "./conversation";
import { createChannel } from "./event-channel";
import { buildManifest } from "./manifest";
import { finishRun, type StartedRun as Started, type UsageTally } from "./finish-run";
import { systemPrompt } from "./system-prompt";
import { broadcastRun, type RunStreamEvent } from "./broadcast-run";

/** A run's request. */
export const AgentRunInput = z.strictObject({
  prompt: z.string().trim().min(1, "describe what to build or change").max(4000, "must be at most 4000 characters"),
});
export type AgentRunInput = z.infer<typeof AgentRunInput>;

/** Where a run's events go: the starter's stream and every watcher's (watch-run.ts). */
type Sink = { push(event: RunStreamEvent): void };

/** Test seams: another provider than the project's. */
export type StartRunOptions = { log: Logger; signal: AbortSignal; provider?: ChatProvider };

function relay(out: Sink, session: ToolSession, usage: UsageTally): (event: AgentEvent) => void {
  let reported = new Set<string>();
  return (event) => {
    if (event.type === "done") return;
    if (event.type === "usage") {
      const key = `${event.provider}\u0000${event.model}`;
      const sum = usage.get(key) ?? { provider: event.provider, model: event.model, promptTokens: 0, completionTokens: 0 };
      usage.set(key, { ...sum, promptTokens: sum.promptTokens + event.promptTokens, completionTokens: sum.completionTokens + event.completionTokens });
    }
    const { type, ...data } = event;
    if (type !== "tool_result") return out.push({ event: type, data });
    // Calls that write run one at a time, so the paths that joined since the last result are this call's.
    const files = [...session.changedPaths].filter((p) => !reported.has(p));
    reported = new Set(session.changedPaths);
    out.push({ event: "tool_result", data: { id: event.id, ok: event.ok, result: event.result, files } });
  };
}

async function drive(run: Started, controller: AbortController, out: Sink): Promise<void> {
  const config = getConfig().agent;
  const session: ToolSession = { scope: run.scope, log: run.log, readPaths: new Set(), changedPaths: new Set() };
  const usage: UsageTally = new Map();
  let result: AgentRunResult | undefined;
  let history = 0;
  try {
    // Undo puts the dev database back to this copy when the migrations changed since.
    await snapshotTenantDb(run.scope, "dev", run.id).catch((err: unknown) => run.log.warn("agent.run.snapshot_failed", { runId: run.id, err: String(err) }));
    const [manifest, conversation] = await Promise.all([buildManifest(run.scope), loadConversation(run.scope, Math.floor(config.contextTokens / 2))]);
    history = conversation.messages.length;
    result = await runAgentLoop({
      provider: run.provider,
      system: systemPrompt(manifest, conversation.earlier),
      messages: [...conversation.messages, { role: "user", content: run.prompt }],
      tools: createProjectTools(session),
      budget: { maxSteps: config.maxSteps, maxTokens: config.maxTokens },
      signal: controller.signal,
      onEvent: relay(out, session, usage),
      log: run.log,
      checkApp: () => checkApp(run.scope, run.log, session.changedPaths),
    });
  } catch (err) {
    run.log.error("agent.run.crashed", { runId: run.id }, err);
    out.push({ event: "error", data: { code: "internal", message: "The run failed unexpectedly; what it changed so far is kept as one commit." } });
  }
  const messages = result ? result.messages.slice(history) : [{ role: "user" as const, content: run.prompt }];
  try {
    out.push({ event: "done", data: await finishRun(run, { result, messages, usage }) });
  } catch (err) {
    run.log.error("agent.run.not_recorded", { runId: run.id }, err);
    await getDb()
      .then((db) => db.agentRun.update({ where: { id: run.id }, data: { status: "failed", reason: "error", finishedAt: new Date() } }))
      .catch(() => undefined);
    out.push({ event: "error", data: { code: "internal", message: "The run ended but could not be recorded." } });
  }
}

/**
 * Starts an agent run on the project: checks the caller's rate limit and that no other run is going,
 * records the run, and returns its event stream. The run itself (model, tools, one commit at the end,
 * persisted messages and usage) goes on in the background until it ends or `signal` (the client going
 * away) or a stop aborts it; the stream ends with `done`.
 */
export async function startAgentRun(scope: ProjectScope, input: AgentRunInput, options: StartRunOptions): Promise<AsyncIterable<RunStreamEvent>> {
  const id = randomUUID();
  const controller = new AbortController();
  // Claimed first, so a refused second run does not use up one of the caller's runs.
  await claimProject(scope.projectId, id, controller);
  let releaseWorkspace = async (): Promise<void> => undefined;
  try {
    // The run holds the workspace: a person's save meanwhile is refused (409), never folded into the
    // run's commit or lost with its undo.
    releaseWorkspace = await leaseWorkspace(scope.projectId, id, () => controller.abort());
    await enforceRateLimit({ name: "agent runs", limit: getConfig().agent.runsPerMinute, windowSeconds: 60 }, scope.userId);
    await assertBudgetLeft(scope);
    const provider = options.provider ?? (await projectProvider(scope.projectId));
    const baseSha = await getHeadSha(scope);
    const db = await getDb();
    const row = await db.$transaction(async (tx) => {
      await recordAudit(tx, { projectId: scope.projectId, actorId: scope.userId }, "agent_run.started", { runId: id, prompt: input.prompt.slice(0, 200), model: provider.model });
      return tx.agentRun.create({
        data: { id, projectId: scope.projectId, userId: scope.userId, prompt: input.prompt, provider: provider.name, model: provider.model, baseSha },
      });
    });
    const run: Started = { id, scope, prompt: input.prompt, baseSha, provider, log: options.log.child({ runId: id }) };
    const out = createChannel<RunStreamEvent>();
    const watchers = broadcastRun(scope.projectId, id);
    const sink: Sink = {
      push(event) {
        out.push(event);
        watchers.push(event);
      },
    };
    sink.push({ event: "run", data: { id, prompt: input.prompt, provider: provider.name, model: provider.model, baseSha, startedAt: row.startedAt.toISOString() } });
    const onClientGone = () => void abortRun(scope.projectId, id);
    options.signal.addEventListener("abort", onClientGone, { once: true });
    if (options.signal.aborted) onClientGone();
    void asLeaseHolder(id, () => drive(run, controller, sink)).finally(async () => {
      options.signal.removeEventListener("abort", onClientGone);
      await Promise.all([releaseWorkspace(), releaseProject(scope.projectId, id)]).catch((err: unknown) => run.log.error("agent.release_failed", {}, err));
      watchers.close();
      out.close();
    });
    return out;
  } catch (err) {
    await Promise.all([releaseWorkspace(), releaseProject(scope.projectId, id)]).catch(() => undefined);
    throw err;
  }
}
