import { describe, expect, it } from "vitest";
import { validateQuery } from "@/lib/tenant-db";

describe("validateQuery", () => {
  it.each([
    ["SELECT 1", "SELECT 1"],
    ["select * from orders where id = ? and status = :s;", "select * from orders where id = ? and status = :s"],
    ["-- why\nSELECT replace(name, 'a', 'b') FROM t /* end */ ;", "SELECT replace(name, 'a', 'b') FROM t"],
    ["WITH x(n) AS (SELECT 1), y AS MATERIALIZED (SELECT 2) SELECT * FROM x, y", undefined],
    ["WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r LIMIT 5) SELECT x FROM r", undefined],
    [`SELECT "delete" FROM t WHERE note = 'update; delete'`, undefined],
  ])("accepts %s", (sql, expected) => {
    expect(validateQuery(sql)).toBe(expected ?? sql);
  });

  it.each([
    ["an empty query", " -- nothing\n", /empty/],
    ["two statements", "SELECT 1; SELECT 2", /exactly one statement; this has 2/],
    ["a hidden ATTACH", "SELECT 1; ATTACH 'x' AS y", /exactly one statement/],
    ["ATTACH", "ATTACH '/tmp/x' AS y", /ATTACH/],
    ["PRAGMA", "PRAGMA table_info(t)", /PRAGMA/],
    ["pragma_ functions", "SELECT * FROM pragma_table_info('t')", /internals/],
    ["pragma_ in a string used as a table", "SELECT * FROM 'pragma_database_list'", /internals/],
    ["sqlite_master", "SELECT sql FROM sqlite_master", /internals/],
    ["sqlite_ functions", "SELECT sqlite_version()", /internals/],
    ["the migrations ledger", "SELECT * FROM _myco_migrations", /internals/],
    ["load_extension", "SELECT load_extension('/tmp/x.so')", /load_extension/],
    ["VACUUM INTO", "VACUUM INTO '/tmp/copy'", /VACUUM/],
    ["INSERT", "INSERT INTO t VALUES (1)", /INSERT/],
    ["UPDATE", "UPDATE t SET x = 1", /UPDATE/],
    ["DELETE after a WITH", "WITH x AS (SELECT 1) DELETE FROM t", /DELETE/],
    ["INSERT … RETURNING", "INSERT INTO t VALUES (1) RETURNING *", /INSERT/],
    ["DDL", "CREATE TABLE t(x)", /CREATE/],
    ["schema-qualified tables", "SELECT * FROM main.t", /schema-qualified/],
    ["EXPLAIN", "EXPLAIN SELECT 1", /only SELECT/],
    ["VALUES", "VALUES (1)", /only SELECT/],
    ["BEGIN", "BEGIN", /only SELECT/],
  ])("refuses %s", (_name, sql, reason) => {
    let caught: unknown;
    try {
      validateQuery(sql);
    } catch (err) {
      caught = err;
    }
    expect(caught).toMatchObject({ code: "unprocessable", field: "sql" });
    expect((caught as Error).message).toMatch(reason);
  });
});
