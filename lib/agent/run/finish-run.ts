import type { ProjectScope } from "@/lib/auth";
import { getDb, Prisma, type RunStatus } from "@/lib/db";
import { metrics, type Logger } from "@/lib/log";
import { getCommitDiff, squashRunCommits } from "@/lib/workspace";
import type { StopReason } from "../events";
import { clearPreviewErrors } from "../preview-errors";
import type { AgentRunResult } from "../loop";
import type { ChatMessage, ChatProvider } from "../providers/provider";

/** A run that has been recorded and claimed its project. */
export type StartedRun = { id: string; scope: ProjectScope; prompt: string; baseSha: string; provider: ChatProvider; log: Logger };

/** Tokens per provider and model that answered during the run. */
export type UsageTally = Map<string, { provider: string; model: string; promptTokens: number; completionTokens: number }>;

/** What the stream's last event says about the run. */
export type RunOutcome = {
  reason: StopReason;
  summary: string;
  commitSha: string | null;
  filesChanged: string[];
  usage: { promptTokens: number; completionTokens: number };
};

const STATUS: Record<StopReason, RunStatus> = {
  completed: "succeeded",
  declined: "failed",
  unverified: "failed",
  aborted: "stopped",
  max_steps: "failed",
  max_tokens: "failed",
  repeated_failure: "failed",
  error: "failed",
};

/** A commit message made of a request; git keeps text, not NUL bytes. */
export const commitMessage = (prompt: string) => prompt.replaceAll("\0", "").trim();

async function commitRun(run: StartedRun): Promise<{ sha: string | null; files: string[] }> {
  try {
    const { commits } = await squashRunCommits(run.scope, run.baseSha, run.id, commitMessage(run.prompt), run.log);
    const newest = commits[0];
    if (!newest) return { sha: null, files: [] };
    const diffs = await Promise.all(commits.map((c) => getCommitDiff(run.scope, c.sha)));
    return { sha: newest.sha, files: [...new Set(diffs.flatMap((d) => d.files.map((f) => f.path)))] };
  } catch (err) {
    run.log.error("agent.run.commit_failed", { runId: run.id }, err);
    return { sha: null, files: [] };
  }
}

function messageRows(run: StartedRun, messages: ChatMessage[]): Prisma.ChatMessageCreateManyInput[] {
  return messages.flatMap((m, position): Prisma.ChatMessageCreateManyInput[] => {
    const base = { projectId: run.scope.projectId, runId: run.id, position };
    if (m.role === "system") return [];
    if (m.role === "user") return [{ ...base, role: "user", content: m.content }];
    if (m.role === "tool") return [{ ...base, role: "tool", content: m.content, toolCallId: m.tool_call_id }];
    const calls = m.tool_calls?.map((c) => ({ id: c.id, name: c.function.name, arguments: c.function.arguments }));
    return [{ ...base, role: "assistant", content: m.content ?? "", toolCalls: calls ?? Prisma.JsonNull }];
  });
}

/**
 * Ends a run: its commits become one commit whose message is the request (only its own: see
 * squashRunCommits), and the run's messages, token usage per provider, outcome and changed files are
 * stored together.
 */
export async function finishRun(
  run: StartedRun,
  ended: { result: AgentRunResult | undefined; messages: ChatMessage[]; usage: UsageTally },
): Promise<RunOutcome> {
  const reason = ended.result?.reason ?? "error";
  const summary = ended.result?.summary ?? "The run failed unexpectedly.";
  const commit = await commitRun(run);
  const usage = [...ended.usage.values()];
  const totals = {
    promptTokens: usage.reduce((n, u) => n + u.promptTokens, 0),
    completionTokens: usage.reduce((n, u) => n + u.completionTokens, 0),
  };
  const db = await getDb();
  await db.$transaction([
    db.chatMessage.createMany({ data: messageRows(run, ended.messages) }),
    db.aiUsage.createMany({ data: usage.map((u) => ({ projectId: run.scope.projectId, runId: run.id, userId: run.scope.userId, ...u })) }),
    db.agentRun.update({
      where: { id: run.id },
      data: {
        status: STATUS[reason],
        reason,
        summary,
        steps: ended.result?.steps ?? 0,
        commitSha: commit.sha,
        filesChanged: commit.files,
        finishedAt: new Date(),
      },
    }),
  ]);
  metrics.agentRun(reason, usage);
  // The app changed: what the preview reported about the version before no longer applies.
  if (commit.sha) clearPreviewErrors(run.scope.projectId);
  return { reason, summary, commitSha: commit.sha, filesChanged: commit.files, usage: totals };
}
