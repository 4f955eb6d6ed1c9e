import { z } from "zod";
import type { ProjectScope } from "@/lib/auth";
import { getDb, Prisma } from "@/lib/db";
import { getConfig } from "@/lib/config";
import { runsActive } from "../run/active-runs";
import { getBudgets, type Budgets } from "./budgets";

/** How many recent runs the usage view lists. */
export const AiUsageQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(30) });
export type AiUsageQuery = z.infer<typeof AiUsageQuery>;

/** Tokens of one UTC day, and their cost in US dollars where AI_PRICES prices the models (else null). */
export type DayUsage = { date: string; promptTokens: number; completionTokens: number; costUsd: number | null };
/** Tokens of one run, with what it asked and who answered. */
export type RunUsage = {
  id: string;
  prompt: string;
  status: "running" | "succeeded" | "failed" | "stopped";
  provider: string | null;
  model: string | null;
  startedAt: string;
  promptTokens: number;
  completionTokens: number;
  costUsd: number | null;
};
/** The project's AI usage: per day over the last DAYS days (oldest first, every day present), and recent runs. */
export type AiUsageView = {
  days: DayUsage[];
  totals: { promptTokens: number; completionTokens: number; costUsd: number | null };
  runs: RunUsage[];
  /** Tokens per member over the same days, most first; null user for runs whose user was deleted. */
  users: UserUsage[];
  budgets: Budgets;
};

/** One person's tokens on the project over the per-day view's days. */
export type UserUsage = { userId: string | null; email: string | null; name: string | null; promptTokens: number; completionTokens: number; costUsd: number | null };

/** Days in the per-day view, today (UTC) included. */
export const USAGE_DAYS = 30;
const DAY_MS = 86_400_000;

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** What `promptTokens` and `completionTokens` of `model` cost in US dollars; null when its price is not configured. */
export function costOf(model: string | null, promptTokens: number, completionTokens: number): number | null {
  const price = model === null ? undefined : getConfig().aiPrices[model];
  if (!price) return null;
  return (promptTokens * price.prompt + completionTokens * price.completion) / 1_000_000;
}

/** A sum of costs where any priced part makes a figure; null only when nothing was priced. */
function addCosts(costs: (number | null)[]): number | null {
  const priced = costs.filter((c): c is number => c !== null);
  return priced.length === 0 ? null : priced.reduce((a, b) => a + b, 0);
}

async function perDay(projectId: string, now: Date): Promise<DayUsage[]> {
  const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (USAGE_DAYS - 1) * DAY_MS);
  const db = await getDb();
  // Summed in the database: a busy project has thousands of usage rows a month. createdAt is UTC.
  const rows = await db.$queryRaw<{ day: string; model: string; prompt: bigint; completion: bigint }[]>(Prisma.sql`
    SELECT to_char(date_trunc('day', "createdAt"), 'YYYY-MM-DD') AS day, "model" AS model,
           SUM("promptTokens")::bigint AS prompt, SUM("completionTokens")::bigint AS completion
    FROM "AiUsage" WHERE "projectId" = ${projectId}::uuid AND "createdAt" >= ${since}
    GROUP BY 1, 2`);
  return Array.from({ length: USAGE_DAYS }, (_, i) => {
    const date = isoDay(new Date(since.getTime() + i * DAY_MS));
    const ofDay = rows.filter((r) => r.day === date);
    return {
      date,
      promptTokens: ofDay.reduce((n, r) => n + Number(r.prompt), 0),
      completionTokens: ofDay.reduce((n, r) => n + Number(r.completion), 0),
      costUsd: addCosts(ofDay.map((r) => costOf(r.model, Number(r.prompt), Number(r.completion)))),
    };
  });
}

async function perUser(projectId: string, now: Date): Promise<UserUsage[]> {
  const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (USAGE_DAYS - 1) * DAY_MS);
  const db = await getDb();
  const rows = await db.aiUsage.groupBy({
    by: ["userId", "model"],
    where: { projectId, createdAt: { gte: since } },
    _sum: { promptTokens: true, completionTokens: true },
  });
  const ids = [...new Set(rows.map((r) => r.userId).filter((id): id is string => id !== null))];
  const users = new Map((await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true, name: true } })).map((u) => [u.id, u]));
  const byUser = new Map<string | null, UserUsage>();
  for (const r of rows) {
    const prompt = r._sum.promptTokens ?? 0;
    const completion = r._sum.completionTokens ?? 0;
    const user = r.userId ? users.get(r.userId) : undefined;
    const entry = byUser.get(r.userId) ?? { userId: r.userId, email: user?.email ?? null, name: user?.name ?? null, promptTokens: 0, completionTokens: 0, costUsd: null };
    entry.promptTokens += prompt;
    entry.completionTokens += completion;
    entry.costUsd = addCosts([entry.costUsd, costOf(r.model, prompt, completion)]);
    byUser.set(r.userId, entry);
  }
  return [...byUser.values()].sort((a, b) => b.promptTokens + b.completionTokens - (a.promptTokens + a.completionTokens));
}

async function recentRuns(projectId: string, limit: number): Promise<RunUsage[]> {
  const db = await getDb();
  const rows = await db.agentRun.findMany({
    where: { projectId },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: limit,
    select: { id: true, prompt: true, status: true, provider: true, model: true, startedAt: true, usage: { select: { promptTokens: true, completionTokens: true } } },
  });
  const active = await runsActive(rows.map((r) => ({ projectId, id: r.id })));
  return rows.map((r, i) => {
    const promptTokens = r.usage.reduce((n, u) => n + u.promptTokens, 0);
    const completionTokens = r.usage.reduce((n, u) => n + u.completionTokens, 0);
    return {
      id: r.id,
      prompt: r.prompt,
      // A "running" run no process drives (the server restarted) failed, as the runs list says.
      status: r.status === "running" && !active[i] ? "failed" : r.status,
      provider: r.provider,
      model: r.model,
      startedAt: r.startedAt.toISOString(),
      promptTokens,
      completionTokens,
      costUsd: costOf(r.model, promptTokens, completionTokens),
    };
  });
}

/** Tokens the project's agent runs used (AiUsage, recorded as each run ends): per day and per recent run. */
export async function getAiUsage(scope: ProjectScope, query: AiUsageQuery, now = new Date()): Promise<AiUsageView> {
  const [days, runs, users, budgets] = await Promise.all([
    perDay(scope.projectId, now),
    recentRuns(scope.projectId, query.limit),
    perUser(scope.projectId, now),
    getBudgets(scope, now),
  ]);
  const totals = {
    promptTokens: days.reduce((n, d) => n + d.promptTokens, 0),
    completionTokens: days.reduce((n, d) => n + d.completionTokens, 0),
    costUsd: addCosts(days.map((d) => d.costUsd)),
  };
  return { days, totals, runs, users, budgets };
}
