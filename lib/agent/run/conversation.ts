import type { ProjectScope } from "@/lib/auth";
import { getDb } from "@/lib/db";
import type { ChatMessage, ToolCall } from "../providers/provider";

/** Runs looked at when rebuilding a conversation; older ones are beyond any context anyway. */
const MAX_RUNS = 50;
/** A rough token count: about four characters per token for English and code. */
const estimateTokens = (text: string) => Math.ceil(text.length / 4);

type StoredRun = {
  prompt: string;
  summary: string | null;
  undoneAt: Date | null;
  messages: { role: "user" | "assistant" | "tool"; content: string; toolCalls: unknown; toolCallId: string | null }[];
};

function toChatMessages(run: StoredRun): ChatMessage[] {
  const answered = new Set(run.messages.flatMap((m) => (m.role === "tool" && m.toolCallId ? [m.toolCallId] : [])));
  return run.messages.flatMap((m): ChatMessage[] => {
    if (m.role === "user") return [{ role: "user", content: m.content }];
    if (m.role === "tool") return m.toolCallId ? [{ role: "tool", tool_call_id: m.toolCallId, content: m.content }] : [];
    // A call without its result (a run cut short) would make the model API refuse the conversation.
    const calls = ((m.toolCalls as ToolCall[] | null) ?? []).filter((c) => answered.has(c.id));
    return [{ role: "assistant", content: m.content || null, ...(calls.length ? { tool_calls: calls } : {}) }];
  });
}

function summaryLine(run: StoredRun, index: number): string {
  const outcome = (run.summary ?? "no summary").replace(/\s+/g, " ").slice(0, 400);
  return `${index + 1}. "${run.prompt.slice(0, 300)}" → ${outcome}${run.undoneAt ? " (later undone)" : ""}`;
}

/**
 * The project's earlier runs as context for the next one: the newest runs verbatim while they fit in
 * `tokenBudget`, everything older as one line per run (its request and outcome) for the system prompt.
 */
export async function loadConversation(
  scope: ProjectScope,
  tokenBudget: number,
): Promise<{ messages: ChatMessage[]; earlier: string | null }> {
  const db = await getDb();
  const runs: StoredRun[] = (
    await db.agentRun.findMany({
      where: { projectId: scope.projectId, status: { not: "running" } },
      orderBy: { startedAt: "desc" },
      take: MAX_RUNS,
      select: {
        prompt: true,
        summary: true,
        undoneAt: true,
        messages: { orderBy: { position: "asc" }, select: { role: true, content: true, toolCalls: true, toolCallId: true } },
      },
    })
  ).reverse();
  let used = 0;
  let firstVerbatim = runs.length;
  for (let i = runs.length - 1; i >= 0; i--) {
    const run = runs[i];
    if (!run || run.undoneAt) break;
    const cost = run.messages.reduce((sum, m) => sum + estimateTokens(m.content) + estimateTokens(JSON.stringify(m.toolCalls ?? "")), 0);
    if (used + cost > tokenBudget) break;
    used += cost;
    firstVerbatim = i;
  }
  const older = runs.slice(0, firstVerbatim);
  return {
    messages: runs.slice(firstVerbatim).flatMap(toChatMessages),
    earlier: older.length ? older.map(summaryLine).join("\n") : null,
  };
}
