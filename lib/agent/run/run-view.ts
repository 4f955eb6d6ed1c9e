import { z } from "zod";
import type { ProjectScope } from "@/lib/auth";
import { getDb, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { runsActive } from "./active-runs";
import { INTERRUPTED_SUMMARY } from "./interrupt-runs";

/** A run as the builder page shows it. */
export type RunView = {
  id: string;
  prompt: string;
  status: "running" | "succeeded" | "failed" | "stopped";
  reason: string | null;
  summary: string | null;
  provider: string | null;
  model: string | null;
  baseSha: string | null;
  commitSha: string | null;
  filesChanged: string[];
  usage: { promptTokens: number; completionTokens: number };
  startedAt: string;
  finishedAt: string | null;
  undoneAt: string | null;
  messages: RunMessage[];
};

/** One stored message of a run: the request, the assistant's text and tool calls, or a tool's result. */
export type RunMessage = {
  role: "user" | "assistant" | "tool";
  content: string;
  toolCalls: { id: string; name: string; arguments: string }[] | null;
  toolCallId: string | null;
};

export const RUN_SELECT = {
  id: true,
  prompt: true,
  status: true,
  reason: true,
  summary: true,
  provider: true,
  model: true,
  baseSha: true,
  commitSha: true,
  filesChanged: true,
  startedAt: true,
  finishedAt: true,
  undoneAt: true,
  projectId: true,
  usage: { select: { promptTokens: true, completionTokens: true } },
  messages: { orderBy: { position: "asc" }, select: { role: true, content: true, toolCalls: true, toolCallId: true } },
} satisfies Prisma.AgentRunSelect;

type RunRow = Prisma.AgentRunGetPayload<{ select: typeof RUN_SELECT }>;

/** The view of a stored run; a "running" run no node is driving (its node stopped) shows as failed. */
export function toRunView(row: RunRow, active: boolean): RunView {
  const orphaned = row.status === "running" && !active;
  return {
    id: row.id,
    prompt: row.prompt,
    status: orphaned ? "failed" : row.status,
    reason: orphaned ? "interrupted" : row.reason,
    summary: orphaned ? INTERRUPTED_SUMMARY : row.summary,
    provider: row.provider,
    model: row.model,
    baseSha: row.baseSha,
    commitSha: row.commitSha,
    filesChanged: row.filesChanged,
    usage: {
      promptTokens: row.usage.reduce((n, u) => n + u.promptTokens, 0),
      completionTokens: row.usage.reduce((n, u) => n + u.completionTokens, 0),
    },
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    undoneAt: row.undoneAt?.toISOString() ?? null,
    // toolCalls is written only by finishRun, in exactly this shape.
    messages: row.messages.map((m) => ({ ...m, toolCalls: (m.toolCalls as RunMessage["toolCalls"]) ?? null })),
  };
}

/** A page of runs, newest first; `cursor` is the id of the last run of the previous page. */
export const RunsQuery = z.strictObject({
  cursor: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type RunsQuery = z.infer<typeof RunsQuery>;

/** The project's runs with their messages and usage, newest first, by cursor. */
export async function listAgentRuns(scope: ProjectScope, query: RunsQuery): Promise<{ runs: RunView[]; nextCursor: string | null }> {
  const db = await getDb();
  if (query.cursor) {
    const exists = await db.agentRun.findFirst({ where: { id: query.cursor, projectId: scope.projectId }, select: { id: true } });
    if (!exists) throw new AppError("bad_request", "Unknown cursor; pass nextCursor from the previous page.", "cursor");
  }
  const rows = await db.agentRun.findMany({
    where: { projectId: scope.projectId },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
    select: RUN_SELECT,
  });
  const page = rows.slice(0, query.limit);
  const running = page.filter((row) => row.status === "running");
  const active = await runsActive(running);
  return { runs: page.map((row) => toRunView(row, active[running.indexOf(row)] ?? false)), nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null };
}
