import { describe, expect, it, vi } from "vitest";

// Read once by getConfig(), on first use: set before anything asks.
vi.hoisted(() => {
  process.env.MYCO_PROJECT_MONTHLY_TOKENS = "5000";
});

import { GET as getBudget, PUT as putBudget } from "@/app/api/projects/[projectId]/ai-budget/route";
import { createTestProject, signUpUser } from "@/tests/support/accounts";
import { call } from "@/tests/support/http";

describe("the server's project budget", () => {
  it("is every project's default and ceiling: an owner may lower it, never lift it", async () => {
    const owner = await signUpUser("Ceiling owner");
    const project = await createTestProject(owner, "Under a ceiling");
    const params = { projectId: project.id };
    expect((await call(getBudget, { token: owner.token, params })).body.project).toMatchObject({ limit: 5000 });
    const lifted = await call(putBudget, { method: "PUT", token: owner.token, params, body: { monthlyTokens: 1_000_000_000 } });
    expect(lifted.body.project).toMatchObject({ limit: 5000 });
    const lowered = await call(putBudget, { method: "PUT", token: owner.token, params, body: { monthlyTokens: 100 } });
    expect(lowered.body.project).toMatchObject({ limit: 100 });
    const back = await call(putBudget, { method: "PUT", token: owner.token, params, body: { monthlyTokens: null } });
    expect(back.body.project).toMatchObject({ limit: 5000 });
  });
});
