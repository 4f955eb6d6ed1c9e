// The lanes' server-wide limits with real runner processes: a cap of one runner (so lanes must take
// turns) and a CPU share of 1 % of the 10 s window (so a runaway query soon runs at low priority).
import os from "node:os";
import { afterAll, describe, expect, it, vi } from "vitest";
import { closeTenantDbs, queryLaneStats, runTenantQuery } from "@/lib/tenant-db";
import { laneOf, untilRunning } from "@/tests/support/lanes";
import { newScope, rejectionOf } from "./support";

vi.hoisted(() => {
  // Read once, on first use of the configuration, which is after this.
  process.env.MYCO_TENANT_DB_RUNNERS = "1";
  process.env.MYCO_TENANT_DB_CPU_SHARE = "1";
});

afterAll(() => closeTenantDbs());

const RUNAWAY = "WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM r) SELECT count(*) FROM r";
const pause = (ms = 10) => new Promise((resolve) => setTimeout(resolve, ms));

/** The nice value of the project's runner process, as the kernel reports it. */
function priorityOf(scope: { projectId: string }): number {
  const pid = laneOf(scope)?.pid;
  if (pid === undefined) throw new Error("the lane has no runner");
  return os.getPriority(pid);
}

describe("at the runner cap", () => {
  it("hands a freed runner to the lane that waited longest, and lanes with more work take turns", async () => {
    const holder = newScope();
    const a = newScope();
    const b = newScope();
    const hold = new AbortController();
    const holding = rejectionOf(runTenantQuery(holder, "dev", { sql: RUNAWAY, timeoutMs: 10_000 }, { signal: hold.signal }));
    await untilRunning(holder);
    const order: string[] = [];
    const ask = (scope: typeof a, name: string) => runTenantQuery(scope, "dev", { sql: `SELECT '${name}'` }).then((r) => order.push(String(r.rows[0]?.[0])));
    const answers = [ask(a, "a1"), ask(a, "a2"), ask(b, "b1"), ask(b, "b2")];
    expect(queryLaneStats()).toMatchObject({ runners: 1, waitingForRunner: 2 });
    hold.abort();
    expect(await holding).toMatchObject({ code: "unavailable" });
    await Promise.all(answers);
    expect(order).toEqual(["a1", "b1", "a2", "b2"]);
    expect(queryLaneStats()).toMatchObject({ runners: 1, waitingForRunner: 0 });
  });
});

describe("the CPU share", () => {
  it("runs a tenant past its share at the lowest priority, and a fresh tenant at normal priority", async () => {
    const a = newScope();
    const giveUp = new AbortController();
    const runaway = rejectionOf(runTenantQuery(a, "dev", { sql: RUNAWAY, timeoutMs: 10_000 }, { signal: giveUp.signal }));
    await untilRunning(a);
    while (!laneOf(a)?.lowPriority) await pause();
    expect(priorityOf(a)).toBe(19);
    giveUp.abort();
    await runaway;

    const b = newScope();
    expect((await runTenantQuery(b, "dev", { sql: "SELECT 1" })).rows).toEqual([[1]]);
    expect(priorityOf(b)).toBe(0);
    // A's share is still used up: its next runner starts at low priority.
    expect((await runTenantQuery(a, "dev", { sql: "SELECT 2" })).rows).toEqual([[2]]);
    expect(laneOf(a)?.lowPriority).toBe(true);
    expect(priorityOf(a)).toBe(19);
  });

  it("puts a tenant back to normal priority once its busy time has left the window", async () => {
    const a = newScope();
    const giveUp = new AbortController();
    const runaway = rejectionOf(runTenantQuery(a, "dev", { sql: RUNAWAY, timeoutMs: 10_000 }, { signal: giveUp.signal }));
    await untilRunning(a);
    while (!laneOf(a)?.lowPriority) await pause();
    giveUp.abort();
    await runaway;
    // Each query checks the share before it starts; the runaway's time leaves the 10 s window.
    for (;;) {
      await runTenantQuery(a, "dev", { sql: "SELECT 1" });
      if (priorityOf(a) === 0) break;
      expect(laneOf(a)?.lowPriority).toBe(true);
      await pause(250);
    }
    expect(laneOf(a)?.lowPriority).toBe(false);
  }, 60_000);
});
