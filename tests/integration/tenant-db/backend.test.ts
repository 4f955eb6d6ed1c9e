// The TenantDbBackend contract: what every operation of lib/tenant-db relies on from wherever a tenant's
// databases live. It runs against each backend there is (SQLite files today; docs/scaling-out.md's
// libSQL backend joins the list and must pass the same tests).
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import type { TenantScope } from "@/lib/auth";
import type { TenantDbBackend, TenantDbRef } from "@/lib/tenant-db/backend";
import type { RunnerReply, StatementResult, TenantDbRequest } from "@/lib/tenant-db/runner-protocol";
import { SqliteFileBackend } from "@/lib/tenant-db/sqlite-file-backend";
import { DEFAULT_TENANT_QUOTA_BYTES } from "@/lib/tenant-db/quota";
import { newScope } from "./support";

const backends: [string, () => TenantDbBackend][] = [["SQLite files", () => new SqliteFileBackend()]];

/** A migration of one statement; `drops` names what it removes (validate-migration.ts says so for real ones). */
function migration(name: string, sql: string, drops?: { table: string }): TenantDbRequest {
  const statements = [{ sql, drops }];
  return { op: "migrate", quotaBytes: DEFAULT_TENANT_QUOTA_BYTES, name, checksum: `sum-${name}`, appliedAt: new Date().toISOString(), statements, confirmDestructive: false };
}

const write = (sql: string, quotaBytes = DEFAULT_TENANT_QUOTA_BYTES): TenantDbRequest => ({ op: "write", sql, params: [], limit: 100, maxBytes: 1_000_000, quotaBytes });
const read = (sql: string): TenantDbRequest => ({ op: "read", sql, params: [], limit: 100, maxBytes: 1_000_000 });

function result(reply: RunnerReply): StatementResult {
  if (!reply.ok) throw new Error(`${reply.kind}: ${reply.message}`);
  return reply.result as StatementResult;
}

describe.each(backends)("the %s tenant database backend", (_name, make) => {
  const backend = make();
  const call = (scope: TenantScope, db: TenantDbRef, request: TenantDbRequest, timeoutMs = 5_000) =>
    backend.call(scope, db, request, timeoutMs, { projectId: scope.projectId });
  const count = async (scope: TenantScope, db: TenantDbRef) => result(await call(scope, db, read("SELECT count(*) AS n FROM notes"))).rows[0]?.[0];

  async function withNotes(rows: number): Promise<TenantScope> {
    const scope = newScope();
    expect(await call(scope, { env: "dev" }, migration("0001_notes", "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"))).toEqual({ ok: true, result: { outcome: "applied" } });
    for (let i = 0; i < rows; i += 1) result(await call(scope, { env: "dev" }, write(`INSERT INTO notes (body) VALUES ('note ${i}')`)));
    return scope;
  }

  afterAll(() => backend.close());

  it("creates an environment's database on first use with an empty ledger, and records each migration once", async () => {
    const scope = newScope();
    expect(await backend.exists(scope, { env: "staging" })).toBe(false);
    expect(await backend.appliedMigrations(scope, { env: "staging" })).toEqual([]);
    expect(await backend.exists(scope, { env: "staging" })).toBe(true);
    const create = migration("0001_notes", "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)");
    expect(await call(scope, { env: "staging" }, create)).toEqual({ ok: true, result: { outcome: "applied" } });
    expect(await call(scope, { env: "staging" }, create)).toEqual({ ok: true, result: { outcome: "skipped" } });
    expect((await backend.appliedMigrations(scope, { env: "staging" })).map((m) => [m.name, m.checksum])).toEqual([["0001_notes", "sum-0001_notes"]]);
  });

  it("runs writes and reads on the database named, and no other project's or environment's", async () => {
    const scope = await withNotes(3);
    expect(result(await call(scope, { env: "dev" }, write("INSERT INTO notes (body) VALUES ('four') RETURNING id"))).rows).toEqual([[4]]);
    expect(await count(scope, { env: "dev" })).toBe(4);
    expect(await call(scope, { env: "prod" }, read("SELECT * FROM notes"))).toMatchObject({ ok: false, kind: "sqlite", message: "no such table: notes" });
    expect(await call(newScope(), { env: "dev" }, read("SELECT * FROM notes"))).toMatchObject({ ok: false, kind: "sqlite" });
    expect(await call(scope, { env: "dev" }, read("DELETE FROM notes"))).toMatchObject({ ok: false, kind: "not_reader" });
  });

  it("refuses a change past the quota it is given, and one past its deadline, leaving the data as it was", async () => {
    const scope = await withNotes(1);
    const big = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 64) INSERT INTO notes (body) SELECT hex(randomblob(4096)) FROM n";
    expect(await call(scope, { env: "dev" }, write(big, 64 * 1024))).toMatchObject({ ok: false, kind: "full" });
    const slow = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) INSERT INTO notes (body) SELECT i FROM n";
    expect(await call(scope, { env: "dev" }, write(slow), 300)).toMatchObject({ ok: false, kind: "timeout" });
    expect(await count(scope, { env: "dev" })).toBe(1);
  });

  it("keeps a snapshot as it was when taken, and puts it back whole", async () => {
    const scope = await withNotes(2);
    const key = randomUUID();
    expect((await backend.copy(scope, { env: "dev", snapshot: key }, 10_000)).ok).toBe(true);
    result(await call(scope, { env: "dev" }, write("DELETE FROM notes")));
    expect(await count(scope, { env: "dev", snapshot: key })).toBe(2);
    expect(await count(scope, { env: "dev" })).toBe(0);
    expect(await backend.restore(scope, "dev", key)).toBe(true);
    expect(await count(scope, { env: "dev" })).toBe(2);
    expect(await backend.restore(scope, "dev", randomUUID())).toBe(false);
    expect(await backend.exists(scope, { env: "dev", snapshot: randomUUID() })).toBe(false);
  });

  it("tries migrations on a scratch copy without touching the database, and discards the copy", async () => {
    const scope = await withNotes(1);
    const scratch = { env: "dev" as const, scratch: randomUUID() };
    expect((await backend.copy(scope, scratch, 10_000)).ok).toBe(true);
    expect(await call(scope, scratch, migration("0002_drop", "DROP TABLE notes", { table: "notes" }))).toMatchObject({ ok: true, result: { outcome: "data_loss", table: "notes", rows: 1 } });
    expect(await call(scope, scratch, migration("0002_tags", "CREATE TABLE tags (name TEXT)"))).toEqual({ ok: true, result: { outcome: "applied" } });
    expect((await backend.appliedMigrations(scope, scratch)).map((m) => m.name)).toEqual(["0001_notes", "0002_tags"]);
    expect((await backend.appliedMigrations(scope, { env: "dev" })).map((m) => m.name)).toEqual(["0001_notes"]);
    await backend.discard(scope, scratch);
    expect(await backend.exists(scope, scratch)).toBe(false);
  });

  it("refuses a change without a quota the platform may set, and any change to a snapshot", async () => {
    const scope = await withNotes(1);
    for (const quotaBytes of [0, Number.NaN, 1.5, 2 ** 60]) {
      await expect(call(scope, { env: "dev" }, write("DELETE FROM notes", quotaBytes))).rejects.toThrow("quotaBytes must be an integer");
    }
    const snapshot = { env: "dev" as const, snapshot: randomUUID() };
    expect((await backend.copy(scope, snapshot, 10_000)).ok).toBe(true);
    await expect(call(scope, snapshot, write("DELETE FROM notes"))).rejects.toThrow("read-only");
    await expect(call(scope, snapshot, migration("0002_x", "CREATE TABLE x (a TEXT)"))).rejects.toThrow("read-only");
    expect(await count(scope, snapshot)).toBe(1);
    expect(await count(scope, { env: "dev" })).toBe(1);
  });

  it("names copies only by ids the platform made, and databases only by environment", async () => {
    const scope = newScope();
    for (const key of ["../dev", "a/b", "", "x".repeat(65), undefined as unknown as string]) {
      await expect(backend.copy(scope, { env: "dev", snapshot: key }, 1_000)).rejects.toThrow("not an id");
      await expect(backend.restore(scope, "dev", key)).rejects.toThrow("not an id");
    }
    const env = "../../elsewhere" as "dev";
    await expect(backend.copy(scope, { env, scratch: randomUUID() }, 1_000)).rejects.toThrow();
    await expect(backend.exists(scope, { env })).rejects.toThrow();
  });

  it("counts a project's bytes and removes every one of its databases when it is dropped", async () => {
    const scope = await withNotes(5);
    const other = await withNotes(1);
    await backend.copy(scope, { env: "dev", snapshot: randomUUID() }, 10_000);
    expect(await backend.bytes(scope.projectId)).toBeGreaterThan(0);
    await backend.drop(scope);
    expect(await backend.bytes(scope.projectId)).toBe(0);
    expect(await backend.exists(scope, { env: "dev" })).toBe(false);
    expect(await count(other, { env: "dev" })).toBe(1);
  });
});
