import { z } from "zod";
import { AppError } from "@/lib/errors";
import { getConfig } from "@/lib/config";
import type { ProjectScope } from "@/lib/auth";
import { getDb, recordAudit, Prisma } from "@/lib/db";

/** The share of a budget past which the IDE warns. */
export const BUDGET_WARNING_SHARE = 0.8;

/** A monthly token budget as the IDE shows it; `limit` null means none. Months are calendar months in UTC. */
export type BudgetView = {
  limit: number | null;
  used: number;
  /** used / limit, 0..1 (may pass 1: the run that crossed the line finishes); null without a limit. */
  share: number | null;
  warning: boolean;
  exhausted: boolean;
  resetsAt: string;
};

/** The project's budget and the calling user's: a new run needs both to have tokens left. */
export type Budgets = { project: BudgetView; user: BudgetView };

/** What an owner may set: the project's monthly tokens (at most the server's budget, when it sets one; 0 stops runs), or null for the server's default. */
export const ProjectBudgetInput = z.strictObject({
  monthlyTokens: z.number().int().min(0).max(1e12).nullable(),
});
export type ProjectBudgetInput = z.infer<typeof ProjectBudgetInput>;

const Stored = z.object({ ai: z.object({ monthlyTokens: z.number().int().min(0).nullable() }).optional() }).passthrough();

function monthStart(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

function nextMonthStart(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
}

async function tokensSince(column: "projectId" | "userId", id: string, since: Date): Promise<number> {
  const db = await getDb();
  const where = column === "projectId" ? Prisma.sql`"projectId" = ${id}::uuid` : Prisma.sql`"userId" = ${id}::uuid`;
  const [row] = await db.$queryRaw<{ total: bigint | null }[]>(Prisma.sql`
    SELECT SUM("promptTokens" + "completionTokens")::bigint AS total FROM "AiUsage" WHERE ${where} AND "createdAt" >= ${since}`);
  return Number(row?.total ?? 0);
}

async function projectLimit(projectId: string): Promise<number | null> {
  const db = await getDb();
  const project = await db.project.findUnique({ where: { id: projectId }, select: { settings: true } });
  const stored = Stored.safeParse(project?.settings ?? {});
  const own = stored.success ? stored.data.ai?.monthlyTokens : undefined;
  const server = getConfig().budgets.projectMonthlyTokens;
  if (own === undefined || own === null) return server > 0 ? server : null;
  // An owner may lower the server's budget, never lift it; 0 stops every run.
  return server > 0 ? Math.min(own, server) : own;
}

function view(limit: number | null, used: number, now: Date): BudgetView {
  const share = limit === null ? null : limit === 0 ? 1 : used / limit;
  return {
    limit,
    used,
    share,
    warning: share !== null && share >= BUDGET_WARNING_SHARE,
    exhausted: share !== null && share >= 1,
    resetsAt: nextMonthStart(now).toISOString(),
  };
}

/** This month's token use of the project and of the scope's user, against their budgets. */
export async function getBudgets(scope: ProjectScope, now = new Date()): Promise<Budgets> {
  const since = monthStart(now);
  const userLimit = getConfig().budgets.userMonthlyTokens;
  const [projectUsed, userUsed, limit] = await Promise.all([
    tokensSince("projectId", scope.projectId, since),
    tokensSince("userId", scope.userId, since),
    projectLimit(scope.projectId),
  ]);
  return { project: view(limit, projectUsed, now), user: view(userLimit > 0 ? userLimit : null, userUsed, now) };
}

/** Refuses a new agent run when the project's or the user's monthly token budget is spent, saying which and until when. */
export async function assertBudgetLeft(scope: ProjectScope, now = new Date()): Promise<void> {
  const budgets = await getBudgets(scope, now);
  const spent = budgets.project.exhausted ? ["This project's", budgets.project] as const : budgets.user.exhausted ? ["Your", budgets.user] as const : null;
  if (!spent) return;
  const [whose, budget] = spent;
  const resets = nextMonthStart(now);
  throw new AppError(
    "rate_limited",
    `${whose} monthly AI budget is spent (${budget.used.toLocaleString("en")} of ${budget.limit?.toLocaleString("en")} tokens); new runs can start again on ${resets.toISOString().slice(0, 10)}.${whose === "This project's" ? " An owner can raise it in Settings." : ""}`,
    "budget",
    { retryAfterSeconds: Math.ceil((resets.getTime() - now.getTime()) / 1000) },
  );
}

/** Sets the project's monthly token budget (null: the server's default); owners only, audited. */
export async function setProjectBudget(scope: ProjectScope, input: ProjectBudgetInput): Promise<Budgets> {
  if (scope.role !== "owner") throw new AppError("forbidden", "Only an owner can change the project's AI budget.", "monthlyTokens");
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const project = await tx.project.findUniqueOrThrow({ where: { id: scope.projectId }, select: { settings: true } });
    const settings = { ...(project.settings as Prisma.JsonObject), ai: { monthlyTokens: input.monthlyTokens } } as Prisma.InputJsonObject;
    await tx.project.update({ where: { id: scope.projectId }, data: { settings } });
    await recordAudit(tx, { projectId: scope.projectId, actorId: scope.userId }, "ai_budget.changed", { monthlyTokens: input.monthlyTokens });
  });
  return getBudgets(scope);
}
