import { afterAll, describe, expect, it, vi } from "vitest";

// Read once by getConfig(), on first use: set before anything asks.
vi.hoisted(() => {
  process.env.MYCO_USER_MONTHLY_TOKENS = "5000";
  process.env.AI_PRICES = JSON.stringify({ counted: { prompt: 2, completion: 10 } });
});

import { GET as getBudget, PUT as putBudget } from "@/app/api/projects/[projectId]/ai-budget/route";
import { GET as usageRoute } from "@/app/api/projects/[projectId]/ai-usage/route";
import { PUT as putModel } from "@/app/api/projects/[projectId]/model/route";
import { POST as runRoute } from "@/app/api/projects/[projectId]/agent/runs/route";
import { POST as invite } from "@/app/api/projects/[projectId]/members/route";
import { getDb } from "@/lib/db";
import { shutdownRuntime } from "@/lib/functions";
import { createTestProject, signUpUser, type TestUser } from "@/tests/support/accounts";
import { useFakeLlm } from "@/tests/support/fake-llm-server";
import { call } from "@/tests/support/http";
import { postStream } from "@/tests/support/sse";

afterAll(() => shutdownRuntime());
const fake = useFakeLlm();

async function useCountedModel(owner: TestUser, projectId: string, tokens: { promptTokens: number; completionTokens: number }[]): Promise<void> {
  const server = await fake(...tokens.map((usage, i) => ({ text: `Answer ${i}.`, usage })));
  const res = await call(putModel, { method: "PUT", token: owner.token, params: { projectId }, body: { kind: "custom", baseUrl: server.baseURL, model: "counted" } });
  expect(res.status).toBe(200);
}

const run = (user: TestUser, projectId: string, prompt: string) => postStream(runRoute, { params: { projectId }, token: user.token, body: { prompt } });

describe("monthly AI budgets", () => {
  it("warn at 80 % of a project's budget and stop new runs once it is spent, with a message saying which and until when", async () => {
    const [owner, editor] = [await signUpUser("Budget owner"), await signUpUser("Budget editor")];
    const project = await createTestProject(owner, "Budgeted");
    const params = { projectId: project.id };
    await call(invite, { method: "POST", token: owner.token, params, body: { email: editor.email, role: "editor" } });

    const editorTry = await call(putBudget, { method: "PUT", token: editor.token, params, body: { monthlyTokens: 10 } });
    expect(editorTry.status).toBe(403);
    const set = await call(putBudget, { method: "PUT", token: owner.token, params, body: { monthlyTokens: 1000 } });
    expect(set.status).toBe(200);
    expect(set.body.project).toMatchObject({ limit: 1000, used: 0, warning: false, exhausted: false });

    await useCountedModel(owner, project.id, [{ promptTokens: 800, completionTokens: 50 }, { promptTokens: 150, completionTokens: 50 }]);
    expect((await run(editor, project.id, "first")).events.at(-1)?.event).toBe("done");
    const warned = await call(getBudget, { token: editor.token, params });
    expect(warned.body.project).toMatchObject({ limit: 1000, used: 850, warning: true, exhausted: false });
    expect(warned.body.project.share).toBeCloseTo(0.85);

    // Not yet spent: the run goes ahead, and crosses the line.
    expect((await run(editor, project.id, "second")).events.at(-1)?.event).toBe("done");
    const refused = await run(editor, project.id, "third");
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: "rate_limited", field: "budget" });
    expect(refused.body.error.message).toMatch(/This project's monthly AI budget is spent \(1,050 of 1,000 tokens\); new runs can start again on \d{4}-\d{2}-01\. An owner can raise it/);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);

    // The refused run left nothing behind; raising the budget lets runs start again.
    const db = await getDb();
    expect(await db.agentRun.count({ where: { projectId: project.id } })).toBe(2);
    await call(putBudget, { method: "PUT", token: owner.token, params, body: { monthlyTokens: null } });
    const cleared = await call(getBudget, { token: owner.token, params });
    expect(cleared.body.project).toMatchObject({ limit: null, warning: false, exhausted: false });
    const stopped = await call(putBudget, { method: "PUT", token: owner.token, params, body: { monthlyTokens: 0 } });
    expect(stopped.body.project).toMatchObject({ limit: 0, exhausted: true });
    expect((await run(editor, project.id, "with a budget of nothing")).status).toBe(429);
    await call(putBudget, { method: "PUT", token: owner.token, params, body: { monthlyTokens: null } });
    const bad = await call(putBudget, { method: "PUT", token: owner.token, params, body: { monthlyTokens: -1 } });
    expect(bad.body.error).toMatchObject({ code: "bad_request", field: "monthlyTokens" });

    const audit = await db.auditEvent.findMany({ where: { projectId: project.id, action: { in: ["ai_budget.changed", "agent_run.started"] } }, orderBy: { createdAt: "asc" } });
    expect(audit.map((e) => e.action)).toEqual(["ai_budget.changed", "agent_run.started", "agent_run.started", "ai_budget.changed", "ai_budget.changed", "ai_budget.changed"]);
  });

  it("take a project's own endpoint's token counts as whole numbers from 0: a negative count cannot lift a budget", async () => {
    const owner = await signUpUser("Budget liar");
    const project = await createTestProject(owner, "Lying endpoint");
    await useCountedModel(owner, project.id, [{ promptTokens: -2_000_000_000, completionTokens: 12.7 }]);
    expect((await run(owner, project.id, "lie about tokens")).events.at(-1)?.event).toBe("done");
    const db = await getDb();
    const rows = await db.aiUsage.findMany({ where: { projectId: project.id } });
    expect(rows.map((r) => [r.promptTokens, r.completionTokens])).toEqual([[0, 12]]);
    const budgets = await call(getBudget, { token: owner.token, params: { projectId: project.id } });
    expect(budgets.body.user.used).toBeGreaterThanOrEqual(0);
  });

  it("count a user's tokens across every project against the user's budget, and price them where AI_PRICES says", async () => {
    const owner = await signUpUser("Budget user");
    const [first, second] = [await createTestProject(owner, "Spender one"), await createTestProject(owner, "Spender two")];
    await useCountedModel(owner, first.id, [{ promptTokens: 3000, completionTokens: 1000 }]);
    expect((await run(owner, first.id, "spend")).events.at(-1)?.event).toBe("done");

    const usage = await call(usageRoute, { token: owner.token, params: { projectId: first.id } });
    // 3000 × $2 + 1000 × $10 per million tokens.
    expect(usage.body.runs[0].costUsd).toBeCloseTo(0.016);
    expect(usage.body.totals.costUsd).toBeCloseTo(0.016);
    expect(usage.body.budgets.user).toMatchObject({ limit: 5000, used: 4000, warning: true, exhausted: false });
    expect(usage.body.users).toHaveLength(1);
    expect(usage.body.users[0]).toMatchObject({ userId: owner.id, email: owner.email, promptTokens: 3000, completionTokens: 1000 });
    expect(usage.body.users[0].costUsd).toBeCloseTo(0.016);

    const db = await getDb();
    await db.aiUsage.create({ data: { projectId: first.id, userId: owner.id, provider: "p", model: "unpriced", promptTokens: 1000, completionTokens: 0 } });
    const refused = await run(owner, second.id, "another project");
    expect(refused.status).toBe(429);
    expect(refused.body.error.message).toMatch(/^Your monthly AI budget is spent \(5,000 of 5,000 tokens\)/);
    // Last month's tokens do not count.
    await db.aiUsage.updateMany({ where: { userId: owner.id }, data: { createdAt: new Date(Date.UTC(2020, 0, 1)) } });
    const fresh = await call(getBudget, { token: owner.token, params: { projectId: second.id } });
    expect(fresh.body.user).toMatchObject({ used: 0, exhausted: false });
  });
});
