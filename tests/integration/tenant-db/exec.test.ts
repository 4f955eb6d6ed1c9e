import { describe, expect, it } from "vitest";
import { execTenantStatement, runTenantQuery, validateQuery } from "@/lib/tenant-db";
import { newScope, rawDb, rejectionOf, seedTable } from "./support";

describe("execTenantStatement", () => {
  it("inserts, updates and deletes with bound parameters and reports changes", async () => {
    const scope = newScope();
    await seedTable(scope, "items", 0);
    const inserted = await execTenantStatement(scope, "dev", { sql: "INSERT INTO items (label) VALUES (?)", params: ["first"] });
    expect(inserted).toMatchObject({ changes: 1, lastInsertRowid: 1 });
    const returning = await execTenantStatement(scope, "dev", { sql: "INSERT INTO items (label) VALUES (?) RETURNING id, label", params: ["second"] });
    expect(returning).toMatchObject({ changes: 1, columns: ["id", "label"], rows: [[2, "second"]] });
    expect((await execTenantStatement(scope, "dev", { sql: "UPDATE items SET label = upper(label)" })).changes).toBe(2);
    expect((await execTenantStatement(scope, "dev", { sql: "DELETE FROM items WHERE id = ?", params: [1] })).changes).toBe(1);
    expect((await runTenantQuery(scope, "dev", { sql: "SELECT label FROM items" })).rows).toEqual([["SECOND"]]);
  });

  it.each([
    ["SELECT * FROM items", "use db.query"],
    ["DROP TABLE items", "migration"],
    ["CREATE TABLE x (a)", "migration"],
    ["INSERT INTO items (label) VALUES ('a'); DELETE FROM items", "exactly one statement"],
    ["ATTACH 'x.db' AS y", "ATTACH"],
    ["INSERT INTO items (label) SELECT name FROM sqlite_master", "internals"],
    ["PRAGMA foreign_keys = OFF", "PRAGMA"],
  ])("refuses %j", async (sql, reason) => {
    const scope = newScope();
    await seedTable(scope, "items", 1);
    const err = await rejectionOf(execTenantStatement(scope, "dev", { sql }));
    expect(err).toMatchObject({ code: "unprocessable", field: "sql" });
    expect(err.message).toContain(reason);
    expect(rawDb(scope).prepare("SELECT count(*) FROM items").pluck().get()).toBe(1);
  });

  it("stops a runaway write at its deadline and leaves the data as it was", async () => {
    const scope = newScope();
    await seedTable(scope, "items", 1);
    const sql = "INSERT INTO items (label) WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r) SELECT 'x' FROM r WHERE x < 0";
    const err = await rejectionOf(execTenantStatement(scope, "dev", { sql, timeoutMs: 300 }));
    expect(err.message).toContain("time limit");
    expect((await runTenantQuery(scope, "dev", { sql: "SELECT count(*) AS n FROM items" })).rows).toEqual([[1]]);
    expect(validateQuery("SELECT 1")).toBe("SELECT 1");
  });

  it("fails a write past the disk quota with payload_too_large", async () => {
    const scope = newScope();
    await seedTable(scope, "items", 0);
    const big = "x".repeat(90_000);
    const err = await rejectionOf((async () => {
      for (let i = 0; i < 40; i++) await execTenantStatement(scope, "dev", { sql: "INSERT INTO items (label) VALUES (?)", params: [big] }, { quotaBytes: 1024 * 1024 });
    })());
    expect(err).toMatchObject({ code: "payload_too_large" });
  });
});
