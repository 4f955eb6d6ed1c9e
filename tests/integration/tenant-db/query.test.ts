import { execFileSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { applyTenantMigrations, closeTenantDbs, runTenantQuery } from "@/lib/tenant-db";
import { runInLane } from "@/lib/tenant-db/query-lanes";
import { tenantDbPath } from "@/lib/tenant-db/open-tenant-db";
import { untilRunning } from "@/tests/support/lanes";
import { newScope, rawDb, rejectionOf, seedTable } from "./support";

afterAll(() => closeTenantDbs());

const RUNAWAY = "WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM r) SELECT count(*) FROM r";

describe("runTenantQuery", () => {
  it("answers columns and rows, binding parameters (booleans as 1/0)", async () => {
    const scope = newScope();
    await seedTable(scope, "items", 5);
    const result = await runTenantQuery(scope, "dev", {
      sql: "SELECT id, label, ? AS flag, ? AS empty FROM items WHERE id > ? AND label <> ? ORDER BY id",
      params: [true, null, 2, "row 4"],
    });
    expect(result).toMatchObject({
      columns: ["id", "label", "flag", "empty"],
      rows: [[3, "row 3", 1, null], [5, "row 5", 1, null]],
      truncated: false,
    });
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("returns large integers as strings and blobs as base64", async () => {
    const result = await runTenantQuery(newScope(), "dev", { sql: "SELECT 9007199254740993 AS big, 42 AS small, x'00ff10' AS b, 1.5 AS r" });
    expect(result.rows).toEqual([["9007199254740993", 42, { base64: "AP8Q" }, 1.5]]);
  });

  it("stops at the row limit and says the result was truncated", async () => {
    const scope = newScope();
    await seedTable(scope, "many", 150);
    const byDefault = await runTenantQuery(scope, "dev", { sql: "SELECT id FROM many" });
    expect(byDefault.rows).toHaveLength(100);
    expect(byDefault.truncated).toBe(true);
    const ten = await runTenantQuery(scope, "dev", { sql: "SELECT id FROM many ORDER BY id", limit: 10 });
    expect(ten.rows.map((r) => r[0])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(ten.truncated).toBe(true);
    const all = await runTenantQuery(scope, "dev", { sql: "SELECT id FROM many", limit: 150 });
    expect(all).toMatchObject({ truncated: false });
    expect(all.rows).toHaveLength(150);
  });

  it.each([
    ["a pragma_ function", "SELECT * FROM pragma_database_list"],
    ["ATTACH", "ATTACH '/tmp/other.sqlite' AS other"],
    ["a second statement", "SELECT 1; DROP TABLE items"],
    ["a write", "DELETE FROM items"],
    ["a write behind WITH", "WITH x AS (SELECT 1) INSERT INTO items (label) SELECT 'x' FROM x"],
    ["sqlite_ internals", "SELECT sql FROM sqlite_schema"],
  ])("refuses %s as unprocessable", async (_name, sql) => {
    const err = await rejectionOf(runTenantQuery(newScope(), "dev", { sql }));
    expect(err).toMatchObject({ code: "unprocessable", field: "sql" });
  });

  it("reports SQLite's error for a bad query", async () => {
    const err = await rejectionOf(runTenantQuery(newScope(), "dev", { sql: "SELECT * FROM missing" }));
    expect(err).toMatchObject({ code: "unprocessable", field: "sql", message: "Query failed: no such table: missing" });
  });

  it("refuses a result too large to send", async () => {
    const err = await rejectionOf(runTenantQuery(newScope(), "dev", { sql: "SELECT printf('%.*c', 9000000, 'x')" }));
    expect(err).toMatchObject({ code: "payload_too_large", field: "sql" });
  });

  it("refuses bad options as bad_request", async () => {
    const err = await rejectionOf(runTenantQuery(newScope(), "dev", { sql: "SELECT 1", limit: 5000 }));
    expect(err).toMatchObject({ code: "bad_request", field: "limit" });
  });

  it("never shows one project another project's tables", async () => {
    const a = newScope();
    const b = newScope();
    await seedTable(a, "secrets", 1);
    const err = await rejectionOf(runTenantQuery(b, "dev", { sql: "SELECT * FROM secrets" }));
    expect(err.message).toBe("Query failed: no such table: secrets");
    expect((await runTenantQuery(a, "dev", { sql: "SELECT count(*) FROM secrets" })).rows).toEqual([[1]]);
  });
});

describe("the query runner", () => {
  it("stops a runaway query at the default 2000 ms limit without blocking the event loop, then serves the next query", async () => {
    const scope = newScope();
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 10);
    const started = performance.now();
    try {
      const err = await rejectionOf(runTenantQuery(scope, "dev", { sql: RUNAWAY }));
      const elapsedMs = performance.now() - started;
      expect(err).toMatchObject({ code: "unprocessable", field: "sql", message: "Query exceeded the 2000 ms time limit and was stopped." });
      expect(elapsedMs).toBeGreaterThanOrEqual(1_990);
      expect(elapsedMs).toBeLessThan(3_000);
      // 10 ms ticks over ~2 s: a blocked loop would have managed one or two.
      expect(ticks).toBeGreaterThan(50);
    } finally {
      clearInterval(ticker);
    }
    const next = await runTenantQuery(scope, "dev", { sql: "SELECT 1 + 1 AS two" });
    expect(next.rows).toEqual([[2]]);
  });

  it("honours a shorter time limit, and a query queued behind a runaway one gets its full time", async () => {
    const scope = newScope();
    const started = performance.now();
    const runaway = rejectionOf(runTenantQuery(scope, "dev", { sql: RUNAWAY, timeoutMs: 300 }));
    const queued = runTenantQuery(scope, "dev", { sql: "SELECT 'after'", timeoutMs: 200 });
    expect((await runaway).message).toBe("Query exceeded the 300 ms time limit and was stopped.");
    expect((await queued).rows).toEqual([["after"]]);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it("refuses statements that write or return no rows even when they reach it unvalidated", async () => {
    const scope = newScope();
    await seedTable(scope, "items", 1);
    const file = tenantDbPath(scope, "dev");
    const ask = (sql: string) => runInLane(scope.projectId, { op: "read", file, sql, params: [], limit: 10, maxBytes: 1_000_000 }, 2_000, {});
    expect(await ask(`ATTACH '${file}' AS again`)).toMatchObject({ ok: false, kind: "not_reader" });
    expect(await ask("INSERT INTO items (label) VALUES ('x') RETURNING id")).toMatchObject({ ok: false, kind: "not_reader" });
    expect(await ask("DELETE FROM items")).toMatchObject({ ok: false, kind: "not_reader" });
    expect(rawDb(scope).prepare("SELECT count(*) FROM items").pluck().get()).toBe(1);
  });

  it("refuses a change that reaches the runner without a quota, rather than letting it grow without one", async () => {
    const scope = newScope();
    await seedTable(scope, "items", 1);
    const file = tenantDbPath(scope, "dev");
    const write = { op: "write", file, sql: "INSERT INTO items (label) VALUES ('x')", params: [], limit: 10, maxBytes: 1_000_000 };
    for (const quotaBytes of [undefined, 0, Number.NaN, 1.5]) {
      const request = { ...write, quotaBytes } as unknown as Parameters<typeof runInLane>[1];
      expect(await runInLane(scope.projectId, request, 2_000, {})).toMatchObject({ ok: false, kind: "internal" });
    }
    expect(rawDb(scope).prepare("SELECT count(*) FROM items").pluck().get()).toBe(1);
  });

  it("fails the running query when the runner dies, and serves the next one from a new runner", async () => {
    const scope = newScope();
    await runTenantQuery(scope, "dev", { sql: "SELECT 1" }); // the runner is up
    const runaway = rejectionOf(runTenantQuery(scope, "dev", { sql: RUNAWAY, timeoutMs: 5_000 }));
    const { pid } = await untilRunning(scope);
    // Our own child, found by parent pid: the runner this test process forked for this project's lane.
    const children = execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(process.pid)], { encoding: "utf8" });
    expect(children.split("\n").find((line) => line.trim().startsWith(`${pid} `))).toContain("query-runner.mjs");
    process.kill(Number(pid), "SIGKILL");
    expect(await runaway).toMatchObject({ code: "unprocessable", field: "sql", message: "The query runner stopped while running this query." });
    expect((await runTenantQuery(scope, "dev", { sql: "SELECT 3" })).rows).toEqual([[3]]);
  });

  it("respawns the runner for the next query after closeTenantDbs stopped it", async () => {
    const scope = newScope();
    expect((await runTenantQuery(scope, "dev", { sql: "SELECT 1" })).rows).toEqual([[1]]);
    closeTenantDbs();
    expect((await runTenantQuery(scope, "dev", { sql: "SELECT 2" })).rows).toEqual([[2]]);
  });
});
