import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { flushInvocations, recordInvocation } from "@/lib/functions/invocation-log";
import { createTestProject, signUpUser } from "@/tests/support/accounts";

const record = (projectId: string, overrides: Partial<Parameters<typeof recordInvocation>[0]> = {}) =>
  recordInvocation({
    projectId, functionName: "hello", versionId: null, env: "dev", trigger: "http", status: "ok", httpStatus: 200,
    errorCode: null, errorMessage: null, durationMs: 3, cpuMs: 1, cold: false, logs: [{ level: "log", message: "fine" }], logsTruncated: false,
    ...overrides,
  });

describe("invocation records", () => {
  it("stores what a tenant's code printed even when PostgreSQL could not take it as is, and never loses a neighbour's record", async () => {
    const owner = await signUpUser("Records");
    const [attacker, victim] = [await createTestProject(owner, "Attacker"), await createTestProject(owner, "Victim")];
    // NUL and lone surrogates are refused by text and jsonb; a runner's figures may be out of int range.
    const hostile = record(attacker.id, {
      status: "error", httpStatus: 500, errorCode: "runtime_error", errorMessage: "a\u0000b\ud800",
      logs: [{ level: "log", message: "nul \u0000 and \udc00 lone" }], durationMs: 1e12, cpuMs: -5,
    });
    const neighbour = record(victim.id);
    await flushInvocations();
    const db = await getDb();
    const stored = await db.functionInvocation.findMany({ where: { id: { in: [hostile.id, neighbour.id] } } });
    expect(stored.map((r) => r.projectId).sort()).toEqual([attacker.id, victim.id].sort());
    const bad = stored.find((r) => r.id === hostile.id);
    expect(bad?.errorMessage).toBe("a\ufffdb\ufffd");
    expect(bad?.logs).toEqual([{ level: "log", message: "nul \ufffd and \ufffd lone" }]);
    expect([bad?.durationMs, bad?.cpuMs]).toEqual([2_147_483_647, 0]);
  });
});
