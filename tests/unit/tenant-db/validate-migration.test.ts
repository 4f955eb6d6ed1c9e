import { describe, expect, it } from "vitest";
import { validateMigration } from "@/lib/tenant-db";

function refusal(sql: string): { code: string; message: string; field: string } {
  try {
    validateMigration(sql);
  } catch (err) {
    return err as { code: string; message: string; field: string };
  }
  throw new Error(`accepted: ${sql}`);
}

// [description, script, statement number refused (0: refused before splitting), reason pattern]
const REJECTED: [string, string, number, RegExp][] = [
  ["ATTACH", "ATTACH DATABASE '/tmp/x.db' AS x", 1, /ATTACH/],
  ["ATTACH another tenant's file", "ATTACH '../other-project/prod.sqlite' AS o", 1, /ATTACH/],
  ["DETACH", "DETACH x", 1, /DETACH/],
  ["PRAGMA writable_schema", "PRAGMA writable_schema = 1", 1, /PRAGMA/],
  ["PRAGMA foreign_keys", "pragma foreign_keys=OFF", 1, /PRAGMA/],
  ["PRAGMA lifting the quota", "PRAGMA max_page_count = 4294967294", 1, /PRAGMA/],
  ["VACUUM", "VACUUM", 1, /VACUUM/],
  ["VACUUM INTO", "VACUUM INTO '/tmp/copy.sqlite'", 1, /VACUUM/],
  ["a second statement hiding ATTACH", "CREATE TABLE a(x); ATTACH 'x' AS y", 2, /ATTACH/],
  ["ATTACH after a comment holding ;", "CREATE TABLE a(x) -- done; really\n; ATTACH 'x' AS y", 2, /ATTACH/],
  ["PRAGMA after a string holding ;", "/* ; */ CREATE TABLE a(x DEFAULT ';'); PRAGMA user_version = 1", 2, /PRAGMA/],
  ["VACUUM INTO as a third statement", "CREATE TABLE a(x);\nCREATE INDEX a_x ON a(x);\nvacuum into '/tmp/d'", 3, /VACUUM/],
  ["lower-case attach after a bracket name", "CREATE TABLE [a](x);attach 'f' as g", 2, /ATTACH/],
  ["injection in a quoted table name", `CREATE TABLE "a"";ATTACH 'x' AS y;--"(id)`, 1, /not a valid name/],
  ["injection spanning a quoted name", `CREATE TABLE "a"" (x); ATTACH 'y' AS z; --" (id INTEGER)`, 1, /not a valid name/],
  ["injection in an added column", `ALTER TABLE a ADD COLUMN "b"";DROP TABLE a;--" TEXT`, 1, /not a valid name/],
  ["a name with a space", `CREATE TABLE "bad name"(x)`, 1, /not a valid name/],
  ["a column name with a space", `CREATE TABLE t("x y" TEXT, z)`, 1, /column name/],
  ["a non-ASCII name", "CREATE TABLE tàble(x)", 1, /not a valid name/],
  ["load_extension in a default", "CREATE TABLE t(x DEFAULT (load_extension('/tmp/evil.so')))", 1, /load_extension/],
  ["load_extension in a generated column", "CREATE TABLE t(x INTEGER, y AS (LOAD_EXTENSION('a')))", 1, /load_extension/],
  ["load_extension in a trigger", "CREATE TRIGGER tr AFTER INSERT ON a BEGIN SELECT load_extension('x'); END", 1, /load_extension/],
  ["load_extension in a view", "CREATE VIEW v AS SELECT load_extension('x') AS y", 1, /load_extension/],
  ["CREATE TABLE AS SELECT", "CREATE TABLE b AS SELECT * FROM a", 1, /AS SELECT/],
  ["TEMP table", "CREATE TEMP TABLE t(x)", 1, /TEMP/],
  ["TEMPORARY view", "CREATE TEMPORARY VIEW v AS SELECT 1", 1, /TEMP/],
  ["TEMP trigger", "CREATE TEMP TRIGGER tr AFTER INSERT ON a BEGIN DELETE FROM b; END", 1, /TEMP/],
  ["virtual table", "CREATE VIRTUAL TABLE f USING fts5(body)", 1, /virtual/],
  ["main.-qualified table", "CREATE TABLE main.t(x)", 1, /schema-qualified/],
  ["temp.-qualified table", "CREATE TABLE temp.t(x)", 1, /schema-qualified/],
  ["any x.y table name", "CREATE TABLE x.y(z)", 1, /schema-qualified/],
  ["qualified index target", "CREATE INDEX i ON main.a(x)", 1, /schema-qualified/],
  ["qualified DROP", "DROP TABLE main.a", 1, /schema-qualified/],
  ["quoted qualified ALTER", `ALTER TABLE "main"."a" ADD COLUMN b`, 1, /schema-qualified/],
  ["qualified REFERENCES", "CREATE TABLE t(x); CREATE TABLE u(y REFERENCES main.t(x))", 2, /schema-qualified/],
  ["main. inside a view", "CREATE VIEW v AS SELECT * FROM main.a", 1, /schema-qualified/],
  ["INSERT", "INSERT INTO a VALUES (1)", 1, /data changes/],
  ["UPDATE", "UPDATE a SET x = 1", 1, /data changes/],
  ["DELETE", "DELETE FROM a", 1, /data changes/],
  ["REPLACE", "REPLACE INTO a VALUES (1)", 1, /data changes/],
  ["SELECT", "SELECT * FROM a", 1, /queries/],
  ["WITH", "WITH x AS (SELECT 1) SELECT * FROM x", 1, /queries/],
  ["EXPLAIN", "EXPLAIN SELECT 1", 1, /only CREATE, ALTER and DROP/],
  ["BEGIN … COMMIT", "BEGIN; CREATE TABLE a(x); COMMIT", 1, /transaction/],
  ["SAVEPOINT", "CREATE TABLE a(x); SAVEPOINT s", 2, /transaction/],
  ["REINDEX", "REINDEX", 1, /REINDEX/],
  ["ANALYZE", "ANALYZE", 1, /ANALYZE/],
  ["an sqlite_ table", "CREATE TABLE sqlite_stat1(x)", 1, /internals/],
  ["a backquoted sqlite_ table", "CREATE TABLE `sqlite_x`(a)", 1, /internals/],
  ["the migrations ledger", "CREATE TABLE _myco_migrations(x)", 1, /internals/],
  ["renaming to a reserved name", "ALTER TABLE a RENAME TO sqlite_x", 1, /internals/],
  ["a trigger writing the ledger", "CREATE TRIGGER tr AFTER INSERT ON a BEGIN DELETE FROM _myco_migrations; END", 1, /internals/],
  ["a view over pragma_database_list", "CREATE VIEW v AS SELECT * FROM pragma_database_list", 1, /internals/],
  ["a string used as a table name", "CREATE VIEW v AS SELECT * FROM 'pragma_database_list'", 1, /internals/],
  ["a view over sqlite_master", "CREATE VIEW v AS SELECT name FROM sqlite_master", 1, /internals/],
  ["ATTACH inside a trigger body", "CREATE TRIGGER tr AFTER INSERT ON a BEGIN ATTACH 'x' AS y; END", 1, /ATTACH/],
  ["WITH inside a trigger body", "CREATE TRIGGER tr AFTER INSERT ON a BEGIN WITH x AS (SELECT 1) INSERT INTO b SELECT * FROM x; END", 1, /trigger bodies/],
  ["text after DROP TABLE", "DROP TABLE a; DROP TABLE b CASCADE", 2, /unexpected/],
  ["UNIQUE TABLE", "CREATE UNIQUE TABLE t(x)", 1, /only CREATE TABLE/],
  ["ALTER TABLE without an action", "ALTER TABLE a SET x", 1, /expected ADD, RENAME or DROP/],
  ["a string as a table name", "CREATE TABLE 'quoted'(x)", 1, /expected a table name/],
];

describe("validateMigration refuses", () => {
  it("has a corpus of at least 30 refused scripts", () => {
    expect(REJECTED.length).toBeGreaterThanOrEqual(30);
  });

  it.each(REJECTED)("%s", (_name, sql, statement, reason) => {
    const err = refusal(sql);
    expect(err).toMatchObject({ code: "unprocessable", field: "sql" });
    expect(err.message).toMatch(new RegExp(`^Statement ${statement} \\(`));
    expect(err.message).toMatch(reason);
  });

  it.each([
    ["an unterminated string", "CREATE TABLE a(x); CREATE TABLE b(y DEFAULT ';ATTACH", /Unterminated string/],
    ["an unterminated comment", "CREATE TABLE a(x); /* ATTACH 'x' AS y", /Unterminated \/\* comment/],
    ["an unterminated quoted name", `CREATE TABLE "a;ATTACH 'x' AS y`, /Unterminated quoted name/],
    ["a NUL character", "CREATE TABLE a(x);\0ATTACH 'x' AS y", /NUL/],
    ["a trigger without END", "CREATE TRIGGER tr AFTER INSERT ON a BEGIN DELETE FROM b;", /no END/],
  ])("%s", (_name, sql, reason) => {
    const err = refusal(sql);
    expect(err).toMatchObject({ code: "unprocessable", field: "sql" });
    expect(err.message).toMatch(reason);
  });
});

describe("validateMigration accepts", () => {
  it("tables with keys, constraints and defaults that contain ; -- and quotes", () => {
    const sql = `-- orders; with a comment first
      CREATE TABLE IF NOT EXISTS "orders" (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
        note TEXT DEFAULT 'it''s; -- not a comment /* nor this */',
        total REAL CHECK (total >= 0),
        status TEXT NOT NULL DEFAULT 'new' COLLATE NOCASE,
        price NUMERIC(10, 2),
        CONSTRAINT one_per_customer UNIQUE (customer_id, note)
      );
      CREATE TABLE [kv] (k TEXT PRIMARY KEY, v BLOB) WITHOUT ROWID, STRICT;`;
    const statements = validateMigration(sql);
    expect(statements).toHaveLength(2);
    expect(statements[0]?.sql).toMatch(/^CREATE TABLE IF NOT EXISTS "orders" \(/);
    expect(statements[0]?.sql).toMatch(/\)$/);
    expect(statements[1]?.sql).toBe("CREATE TABLE [kv] (k TEXT PRIMARY KEY, v BLOB) WITHOUT ROWID, STRICT");
  });

  it("every ALTER TABLE form, and marks the drops", () => {
    const statements = validateMigration(`
      ALTER TABLE orders ADD COLUMN shipped_at DATETIME;
      ALTER TABLE orders ADD paid BOOLEAN DEFAULT 0;
      ALTER TABLE orders RENAME TO purchases;
      ALTER TABLE purchases RENAME COLUMN note TO memo;
      ALTER TABLE purchases RENAME memo TO remark;
      ALTER TABLE purchases DROP COLUMN remark;
      ALTER TABLE purchases DROP paid`);
    expect(statements.map((s) => s.drops)).toEqual([
      undefined, undefined, undefined, undefined, undefined,
      { table: "purchases", column: "remark" },
      { table: "purchases", column: "paid" },
    ]);
  });

  it("indexes, views, triggers and DROP … IF EXISTS", () => {
    const statements = validateMigration(`
      CREATE UNIQUE INDEX IF NOT EXISTS orders_customer ON orders (customer_id, lower(status)) WHERE status <> 'void';
      CREATE VIEW open_orders AS SELECT o.id, c.name FROM orders o JOIN customers c ON c.id = o.customer_id;
      CREATE TRIGGER IF NOT EXISTS orders_touch AFTER UPDATE OF status ON orders FOR EACH ROW WHEN NEW.status <> OLD.status
      BEGIN
        UPDATE orders SET total = CASE WHEN NEW.status = 'void' THEN 0 ELSE total END WHERE id = NEW.id;
        INSERT INTO audit (order_id, what) VALUES (NEW.id, 'status; changed');
        SELECT RAISE(ABORT, 'no') WHERE NEW.total < 0;
      END;
      DROP INDEX IF EXISTS old_index; DROP VIEW old_view; DROP TRIGGER IF EXISTS old_trigger;
      DROP TABLE IF EXISTS old_table;`);
    expect(statements).toHaveLength(7);
    expect(statements[2]?.sql).toMatch(/^CREATE TRIGGER[\s\S]*END$/);
    expect(statements[6]?.drops).toEqual({ table: "old_table" });
  });

  it("an empty script as no statements", () => {
    expect(validateMigration("  -- nothing yet\n /* later */ ;; ")).toEqual([]);
  });
});
