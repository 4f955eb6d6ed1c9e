// Per-tenant lanes with real runner processes: one tenant's runaway, flood or hostile schema never
// holds up another tenant's query or the server's event loop, and a caller that gives up takes its
// query with it. No timing assertions: the order of outcomes is what is checked.
import { afterAll, describe, expect, it } from "vitest";
import { POST as queryRoute } from "@/app/api/projects/[projectId]/db/query/route";
import { getConfig } from "@/lib/config";
import {
  applyTenantMigrations,
  browseTenantRows,
  closeTenantDbs,
  execTenantStatement,
  getTenantSchema,
  listAppliedMigrations,
  runTenantQuery,
} from "@/lib/tenant-db";
import { call } from "@/tests/support/http";
import { createTestProject, signUpUser } from "@/tests/support/accounts";
import { laneOf, untilRunning } from "@/tests/support/lanes";
import { newScope, rawDb, rejectionOf, seedTable } from "./support";

afterAll(() => closeTenantDbs());

const RUNAWAY = "WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM r) SELECT count(*) FROM r";
// About a second of CPU and 60 MB per row, in a generated column or an index: deterministic and
// innocuous, so SQLite accepts it with trusted_schema off.
const HOSTILE = "length(replace(hex(zeroblob(10000000)), '0', label))";
const CANCELLED = { code: "unavailable", message: "The query was cancelled: its caller gave up." };

/** A table of `rows` rows with the hostile generated column, added after the rows (an INSERT would evaluate it). */
async function hostileTable(scope: ReturnType<typeof newScope>, rows: number): Promise<void> {
  await applyTenantMigrations(scope, "dev", [{ name: "0001_evil", sql: "CREATE TABLE evil (id INTEGER PRIMARY KEY, label TEXT)" }]);
  const seed = `INSERT INTO evil (label) WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r WHERE x < ${rows}) SELECT 'x' FROM r`;
  rawDb(scope).prepare(seed).run();
  const generated = `ALTER TABLE evil ADD COLUMN slow INTEGER GENERATED ALWAYS AS (${HOSTILE}) VIRTUAL`;
  await applyTenantMigrations(scope, "dev", [{ name: "0002_generated", sql: generated }]);
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("per-tenant lanes", () => {
  it("answers tenant B's query while tenant A's runaway query is still running", async () => {
    const a = newScope();
    const b = newScope();
    await seedTable(b, "items", 3);
    const giveUp = new AbortController();
    const runaway = rejectionOf(runTenantQuery(a, "dev", { sql: RUNAWAY, timeoutMs: 10_000 }, { signal: giveUp.signal }));
    await untilRunning(a);
    expect((await runTenantQuery(b, "dev", { sql: "SELECT count(*) FROM items" })).rows).toEqual([[3]]);
    expect(laneOf(a)?.running).toBe(true);
    expect(laneOf(a)?.pid).not.toBe(laneOf(b)?.pid);
    giveUp.abort();
    expect(await runaway).toMatchObject(CANCELLED);
  });

  it("refuses A's flood beyond its queue with rate_limited while B's queries still answer", async () => {
    const a = newScope();
    const b = newScope();
    await seedTable(b, "items", 1);
    const giveUp = new AbortController();
    const signal = giveUp.signal;
    const running = rejectionOf(runTenantQuery(a, "dev", { sql: RUNAWAY, timeoutMs: 10_000 }, { signal }));
    await untilRunning(a);
    const queued = Array.from({ length: getConfig().tenantDb.queuePerTenant }, () => rejectionOf(runTenantQuery(a, "dev", { sql: "SELECT 1" }, { signal })));
    const refused = await rejectionOf(runTenantQuery(a, "dev", { sql: "SELECT 1" }));
    expect(refused).toMatchObject({ code: "rate_limited", retryAfterSeconds: 1 });
    for (let i = 0; i < 3; i++) expect((await runTenantQuery(b, "dev", { sql: "SELECT count(*) FROM items" })).rows).toEqual([[1]]);
    giveUp.abort();
    for (const outcome of [running, ...queued]) expect(await outcome).toMatchObject(CANCELLED);
    expect((await runTenantQuery(a, "dev", { sql: "SELECT 'served again'" })).rows).toEqual([["served again"]]);
  });
});

describe("cancellation", () => {
  it("never inserts a write that was queued behind a slow query and then abandoned", async () => {
    const a = newScope();
    await seedTable(a, "items", 0);
    const slow = new AbortController();
    const runaway = rejectionOf(runTenantQuery(a, "dev", { sql: RUNAWAY, timeoutMs: 10_000 }, { signal: slow.signal }));
    await untilRunning(a);
    const writer = new AbortController();
    const write = rejectionOf(execTenantStatement(a, "dev", { sql: "INSERT INTO items (label) VALUES ('never')" }, { signal: writer.signal }));
    expect(laneOf(a)?.waiting).toBe(1);
    writer.abort();
    expect(await write).toMatchObject(CANCELLED);
    expect(laneOf(a)?.waiting).toBe(0);
    slow.abort();
    expect(await runaway).toMatchObject(CANCELLED);
    expect((await runTenantQuery(a, "dev", { sql: "SELECT count(*) FROM items" })).rows).toEqual([[0]]);
  });

  it("kills the runner of an abandoned running query, and the lane serves the next query from a new one", async () => {
    const a = newScope();
    const giveUp = new AbortController();
    const runaway = rejectionOf(runTenantQuery(a, "dev", { sql: RUNAWAY, timeoutMs: 10_000 }, { signal: giveUp.signal }));
    const { pid } = await untilRunning(a);
    giveUp.abort();
    expect(await runaway).toMatchObject(CANCELLED);
    expect((await runTenantQuery(a, "dev", { sql: "SELECT 1 + 1" })).rows).toEqual([[2]]);
    expect(laneOf(a)?.pid).not.toBe(pid);
    while (pid !== undefined && processExists(pid)) await new Promise((resolve) => setTimeout(resolve, 10));
  });

  it("rolls back a running write whose caller gave up", async () => {
    const a = newScope();
    await seedTable(a, "items", 0);
    // Inserts a row every million steps, forever: rows exist inside the transaction when it is killed.
    const sql = "INSERT INTO items (label) WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r) SELECT 'x' FROM r WHERE x % 1000000 = 0";
    const giveUp = new AbortController();
    const write = rejectionOf(execTenantStatement(a, "dev", { sql, timeoutMs: 10_000 }, { signal: giveUp.signal }));
    await untilRunning(a);
    giveUp.abort();
    expect(await write).toMatchObject(CANCELLED);
    expect((await runTenantQuery(a, "dev", { sql: "SELECT count(*) FROM items" })).rows).toEqual([[0]]);
  });

  it("cancels the query of an IDE request whose client went away (the route passes the request's signal)", async () => {
    const owner = await signUpUser("Leaver");
    const project = await createTestProject(owner);
    const giveUp = new AbortController();
    const body = { env: "dev", sql: RUNAWAY, timeoutMs: 10_000 };
    const response = call(queryRoute, { method: "POST", token: owner.token, params: { projectId: project.id }, body, signal: giveUp.signal });
    await untilRunning({ projectId: project.id });
    giveUp.abort();
    expect((await response).status).toBe(503);
    expect(laneOf({ projectId: project.id })).toMatchObject({ running: false, waiting: 0 });
  }, 90_000); // a new account and project: slow on a loaded machine, and not what is checked
});

describe("a hostile schema", () => {
  it("is migrated, counted and browsed in the tenant's lane: the event loop ticks and another tenant's query answers meanwhile", async () => {
    const a = newScope();
    const b = newScope();
    await hostileTable(a, 2000);
    await seedTable(b, "items", 2);
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 10);
    try {
      // Indexing the generated column evaluates it for each of the 2000 rows.
      const index = { name: "0003_slow_index", sql: "CREATE INDEX evil_slow ON evil (slow)" };
      const migration = rejectionOf(applyTenantMigrations(a, "dev", [index], { timeoutMs: 3_000 }));
      await untilRunning(a);
      const ticksBefore = ticks;
      // Queued behind the migration in A's lane, not run here.
      const page = browseTenantRows(a, "dev", "evil", { limit: 2 });
      const schema = getTenantSchema(a, "dev");
      expect((await runTenantQuery(b, "dev", { sql: "SELECT count(*) FROM items" })).rows).toEqual([[2]]);
      expect(laneOf(a)).toMatchObject({ running: true, waiting: 2 });
      expect(await migration).toMatchObject({
        code: "unprocessable",
        field: "sql",
        message: "Migration 0003_slow_index exceeded the 3000 ms time limit and was stopped.",
      });
      expect(await page).toMatchObject({ columns: ["id", "label"], rows: [[1, "x"], [2, "x"]] });
      expect((await schema).tables).toMatchObject([{ name: "evil", rowCount: 2000, indexes: [] }]);
      expect((await listAppliedMigrations(a, "dev")).map((m) => m.name)).toEqual(["0001_evil", "0002_generated"]);
      expect(ticks).toBeGreaterThan(ticksBefore);
    } finally {
      clearInterval(ticker);
    }
  });

  it("stops a write that evaluates a hostile generated column at its deadline, inserting nothing", async () => {
    const a = newScope();
    await hostileTable(a, 10);
    const insert = { sql: "INSERT INTO evil (label) SELECT label FROM evil", timeoutMs: 500 };
    expect(await rejectionOf(execTenantStatement(a, "dev", insert))).toMatchObject({
      code: "unprocessable",
      field: "sql",
      message: "Query exceeded the 500 ms time limit and was stopped.",
    });
    expect((await runTenantQuery(a, "dev", { sql: "SELECT count(*) FROM evil" })).rows).toEqual([[10]]);
  });
});
