import { afterAll, describe, expect, it } from "vitest";
import { GET as usageRoute } from "@/app/api/projects/[projectId]/ai-usage/route";
import { PUT as putModel } from "@/app/api/projects/[projectId]/model/route";
import { POST as runRoute } from "@/app/api/projects/[projectId]/agent/runs/route";
import { POST as invite } from "@/app/api/projects/[projectId]/members/route";
import { getDb } from "@/lib/db";
import { shutdownRuntime } from "@/lib/functions";
import { createTestProject, signUpUser } from "@/tests/support/accounts";
import { useFakeLlm } from "@/tests/support/fake-llm-server";
import { call } from "@/tests/support/http";
import { postStream } from "@/tests/support/sse";

afterAll(() => shutdownRuntime());
const fake = useFakeLlm();
const DAY_MS = 86_400_000;
const today = () => new Date().toISOString().slice(0, 10);

describe("the project's AI usage", () => {
  it("is empty for a new project: 30 days of zeros, oldest first, ending today", async () => {
    const owner = await signUpUser("Usage empty");
    const project = await createTestProject(owner, "Usage empty");
    const res = await call(usageRoute, { token: owner.token, params: { projectId: project.id } });
    expect(res.status).toBe(200);
    expect(res.body.runs).toEqual([]);
    expect(res.body.totals).toEqual({ promptTokens: 0, completionTokens: 0, costUsd: null });
    expect(res.body.days).toHaveLength(30);
    expect(res.body.days.at(-1)).toEqual({ date: today(), promptTokens: 0, completionTokens: 0, costUsd: null });
    expect(res.body.days[0].date).toBe(new Date(Date.now() - 29 * DAY_MS).toISOString().slice(0, 10));
  });

  it("sums tokens per run and per day as the runs recorded them, to viewers too, and not to strangers", async () => {
    const [owner, viewer, stranger] = [await signUpUser("Usage owner"), await signUpUser("Usage viewer"), await signUpUser("Usage stranger")];
    const project = await createTestProject(owner, "Usage");
    const params = { projectId: project.id };
    await call(invite, { method: "POST", token: owner.token, params, body: { email: viewer.email, role: "viewer" } });
    const server = await fake(
      { text: "First.", usage: { promptTokens: 1000, completionTokens: 50 } },
      { text: "Second, step one.", toolCalls: [{ name: "list_files", arguments: "{}" }], usage: { promptTokens: 700, completionTokens: 30 } },
      { text: "Second, done.", usage: { promptTokens: 900, completionTokens: 40 } },
    );
    await call(putModel, { method: "PUT", token: owner.token, params, body: { kind: "custom", baseUrl: server.baseURL, model: "counted" } });
    for (const prompt of ["first request", "second request"]) {
      expect((await postStream(runRoute, { params, token: owner.token, body: { prompt } })).events.at(-1)?.event).toBe("done");
    }
    // Older usage: one inside the 30 days, one outside it.
    const db = await getDb();
    const usage = (daysAgo: number, promptTokens: number) =>
      ({ projectId: project.id, provider: "old", model: "old", promptTokens, completionTokens: 1, createdAt: new Date(Date.now() - daysAgo * DAY_MS) });
    await db.aiUsage.createMany({ data: [usage(3, 400), usage(45, 99_999)] });

    const res = await call(usageRoute, { token: viewer.token, params, path: "/api/x?limit=10" });
    expect(res.status).toBe(200);
    expect(res.body.runs.map((r: { prompt: string; promptTokens: number; completionTokens: number; model: string }) => [r.prompt, r.promptTokens, r.completionTokens, r.model])).toEqual([
      ["second request", 1600, 70, "counted"],
      ["first request", 1000, 50, "counted"],
    ]);
    const byDate = new Map(res.body.days.map((d: { date: string }) => [d.date, d]));
    expect(byDate.get(today())).toEqual({ date: today(), promptTokens: 2600, completionTokens: 120, costUsd: null });
    const threeDaysAgo = new Date(Date.now() - 3 * DAY_MS).toISOString().slice(0, 10);
    expect(byDate.get(threeDaysAgo)).toEqual({ date: threeDaysAgo, promptTokens: 400, completionTokens: 1, costUsd: null });
    expect(res.body.totals).toEqual({ promptTokens: 3000, completionTokens: 121, costUsd: null });

    expect((await call(usageRoute, { token: stranger.token, params })).status).toBe(404);
    const bad = await call(usageRoute, { token: owner.token, params, path: "/api/x?limit=0" });
    expect(bad.body.error).toMatchObject({ code: "bad_request", field: "limit" });
  });
});
