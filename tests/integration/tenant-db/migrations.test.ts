import fs from "node:fs";
import path from "node:path";
import { createHash } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { getConfig } from "@/lib/config";
import {
  applyTenantMigrations,
  closeTenantDbs,
  deleteTenantDbs,
  getTenantSchema,
  listAppliedMigrations,
  planOperations,
} from "@/lib/tenant-db";
import { newScope, rawDb, rejectionOf } from "./support";

afterAll(() => closeTenantDbs());

const CUSTOMERS = { name: "0001_customers", sql: "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL);" };
const ORDERS = {
  name: "0002_orders",
  sql: "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers (id), note TEXT);",
};

describe("tenant database files", () => {
  it("live under <dataDir>/tenants/<projectId>/<env>.sqlite, in WAL mode with foreign keys", async () => {
    const scope = newScope();
    await applyTenantMigrations(scope, "staging", [CUSTOMERS]);
    const file = path.join(getConfig().dataDir, "tenants", scope.projectId, "staging.sqlite");
    expect(fs.existsSync(file)).toBe(true);
    const db = rawDb(scope, "staging");
    expect(db.name).toBe(file);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(db.pragma("busy_timeout", { simple: true })).toBeGreaterThan(0);
  });

  it("keeps each project in its own files: B never sees A's tables", async () => {
    const a = newScope();
    const b = newScope();
    await applyTenantMigrations(a, "dev", [{ name: "0001_secret", sql: "CREATE TABLE secret (token TEXT)" }]);
    await applyTenantMigrations(b, "dev", [CUSTOMERS]);
    expect((await getTenantSchema(b, "dev")).tables.map((t) => t.name)).toEqual(["customers"]);
    expect((await getTenantSchema(a, "dev")).tables.map((t) => t.name)).toEqual(["secret"]);
    expect(await listAppliedMigrations(b, "dev")).toHaveLength(1);
    expect((await getTenantSchema(a, "prod")).tables).toEqual([]);
  });

  it("deleteTenantDbs closes and removes every environment of the project only", async () => {
    const doomed = newScope();
    const kept = newScope();
    await applyTenantMigrations(doomed, "dev", [CUSTOMERS]);
    await applyTenantMigrations(doomed, "prod", [CUSTOMERS]);
    await applyTenantMigrations(kept, "dev", [CUSTOMERS]);
    await deleteTenantDbs(doomed);
    expect(fs.existsSync(path.join(getConfig().dataDir, "tenants", doomed.projectId))).toBe(false);
    expect((await getTenantSchema(kept, "dev")).tables).toHaveLength(1);
    expect((await getTenantSchema(doomed, "dev")).tables).toEqual([]);
  });

  it("refuses an environment outside the enum before touching the disk", async () => {
    const err = await rejectionOf(getTenantSchema(newScope(), "../x" as "dev"));
    expect(err).toMatchObject({ code: "bad_request", field: "env" });
  });
});

describe("applyTenantMigrations", () => {
  it("applies pending migrations in name order, records checksums, and skips them next time", async () => {
    const scope = newScope();
    expect(await applyTenantMigrations(scope, "dev", [ORDERS, CUSTOMERS])).toEqual(["0001_customers", "0002_orders"]);
    expect(await applyTenantMigrations(scope, "dev", [CUSTOMERS, ORDERS])).toEqual([]);
    const applied = await listAppliedMigrations(scope, "dev");
    expect(applied.map((m) => [m.name, m.checksum])).toEqual([
      ["0001_customers", createHash("sha256").update(CUSTOMERS.sql).digest("hex")],
      ["0002_orders", createHash("sha256").update(ORDERS.sql).digest("hex")],
    ]);
    expect(Date.parse(applied[0]?.appliedAt ?? "")).not.toBeNaN();
  });

  it("answers conflict when an applied migration was edited", async () => {
    const scope = newScope();
    await applyTenantMigrations(scope, "dev", [CUSTOMERS]);
    const edited = { ...CUSTOMERS, sql: `${CUSTOMERS.sql}\nCREATE INDEX c_name ON customers (name);` };
    const err = await rejectionOf(applyTenantMigrations(scope, "dev", [edited]));
    expect(err).toMatchObject({ code: "conflict", field: "migrations" });
    expect(err.message).toMatch(/0001_customers was changed/);
  });

  it("rolls a failing migration back completely and names the statement", async () => {
    const scope = newScope();
    await applyTenantMigrations(scope, "dev", [CUSTOMERS]);
    const before = await getTenantSchema(scope, "dev");
    const failing = {
      name: "0003_x",
      sql: "CREATE TABLE extra (id INTEGER PRIMARY KEY);\nALTER TABLE missing ADD COLUMN y TEXT;\nCREATE INDEX never ON extra (id);",
    };
    const err = await rejectionOf(applyTenantMigrations(scope, "dev", [CUSTOMERS, failing]));
    expect(err).toMatchObject({ code: "unprocessable", field: "sql" });
    expect(err.message).toBe("Migration 0003_x failed at statement 2 (`ALTER TABLE missing ADD COLUMN y TEXT`): no such table: missing");
    expect(await getTenantSchema(scope, "dev")).toEqual(before);
    expect((await listAppliedMigrations(scope, "dev")).map((m) => m.name)).toEqual(["0001_customers"]);
  });

  it("validates every pending migration before running any", async () => {
    const scope = newScope();
    const err = await rejectionOf(
      applyTenantMigrations(scope, "dev", [CUSTOMERS, { name: "0002_evil", sql: "CREATE TABLE t(x);\nATTACH '/tmp/x' AS y" }]),
    );
    expect(err).toMatchObject({ code: "unprocessable", field: "sql" });
    expect(err.message).toMatch(/^Migration 0002_evil: Statement 2 \(`ATTACH/);
    expect(await listAppliedMigrations(scope, "dev")).toEqual([]);
    expect((await getTenantSchema(scope, "dev")).tables).toEqual([]);
  });

  it("refuses bad input as bad_request", async () => {
    const scope = newScope();
    const dup = await rejectionOf(applyTenantMigrations(scope, "dev", [CUSTOMERS, CUSTOMERS]));
    expect(dup).toMatchObject({ code: "bad_request", field: "migrations" });
    const badName = await rejectionOf(applyTenantMigrations(scope, "dev", [{ name: "../x", sql: "" }]));
    expect(badName).toMatchObject({ code: "bad_request", field: "migrations.0.name" });
  });

  it("runs an accepted script of every allowed statement kind on real SQLite", async () => {
    const scope = newScope();
    const sql = `
      CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT 'it''s; fine', status TEXT);
      CREATE TABLE IF NOT EXISTS orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers (id) ON DELETE CASCADE, total REAL CHECK (total >= 0));
      CREATE TABLE audit (order_id INTEGER, what TEXT);
      CREATE TABLE [kv] (k TEXT PRIMARY KEY, v BLOB) WITHOUT ROWID;
      CREATE UNIQUE INDEX IF NOT EXISTS customers_name ON customers (name) WHERE status <> 'gone';
      CREATE VIEW big_orders AS SELECT o.id, c.name FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.total > 100;
      CREATE TRIGGER orders_audit AFTER UPDATE OF total ON orders WHEN NEW.total <> OLD.total BEGIN
        INSERT INTO audit (order_id, what) VALUES (NEW.id, CASE WHEN NEW.total > OLD.total THEN 'up; more' ELSE 'down' END);
      END;
      ALTER TABLE customers ADD COLUMN email TEXT;
      ALTER TABLE customers RENAME COLUMN email TO mail;
      ALTER TABLE customers DROP COLUMN mail;
      ALTER TABLE audit RENAME TO order_audit;
      DROP TRIGGER orders_audit; DROP VIEW big_orders; DROP INDEX customers_name; DROP TABLE kv;`;
    expect(await applyTenantMigrations(scope, "dev", [{ name: "0001_all", sql }])).toEqual(["0001_all"]);
    const schema = await getTenantSchema(scope, "dev");
    expect(schema.tables.map((t) => t.name)).toEqual(["customers", "order_audit", "orders"]);
  });
});

describe("destructive changes", () => {
  async function withRows(): Promise<ReturnType<typeof newScope>> {
    const scope = newScope();
    await applyTenantMigrations(scope, "dev", [CUSTOMERS, ORDERS]);
    rawDb(scope).prepare("INSERT INTO customers (name) VALUES ('a'), ('b')").run();
    rawDb(scope).prepare("INSERT INTO orders (customer_id, note) VALUES (1, NULL), (2, 'gift')").run();
    return scope;
  }

  it("refuses DROP TABLE of a table with rows unless confirmed", async () => {
    const scope = await withRows();
    const drop = { name: "0003_drop", sql: "DROP TABLE orders;" };
    const err = await rejectionOf(applyTenantMigrations(scope, "dev", [drop]));
    expect(err).toMatchObject({ code: "conflict", field: "confirmDestructive" });
    expect(err.message).toBe('Table "orders" holds 2 rows; confirm to drop it.');
    expect((await getTenantSchema(scope, "dev")).tables.map((t) => t.name)).toContain("orders");
    expect(await applyTenantMigrations(scope, "dev", [drop], { confirmDestructive: true })).toEqual(["0003_drop"]);
    expect((await getTenantSchema(scope, "dev")).tables.map((t) => t.name)).toEqual(["customers"]);
  });

  it("refuses DROP COLUMN of a column with a value unless confirmed, and allows an all-null one", async () => {
    const scope = await withRows();
    rawDb(scope).prepare("ALTER TABLE orders ADD COLUMN unused TEXT").run();
    const drops = { name: "0003_drop_cols", sql: "ALTER TABLE orders DROP COLUMN unused; ALTER TABLE orders DROP COLUMN note;" };
    const err = await rejectionOf(applyTenantMigrations(scope, "dev", [drops]));
    expect(err).toMatchObject({ code: "conflict", field: "confirmDestructive" });
    expect(err.message).toBe('Column "orders"."note" holds 1 rows with a value; confirm to drop it.');
    // The whole migration rolled back, the all-null column included.
    expect((await getTenantSchema(scope, "dev")).tables.find((t) => t.name === "orders")?.columns.map((c) => c.name)).toContain("unused");
    await applyTenantMigrations(scope, "dev", [drops], { confirmDestructive: true });
    const orders = (await getTenantSchema(scope, "dev")).tables.find((t) => t.name === "orders");
    expect(orders?.columns.map((c) => c.name)).toEqual(["id", "customer_id"]);
  });

  it("drops an empty table without confirmation", async () => {
    const scope = newScope();
    await applyTenantMigrations(scope, "dev", [CUSTOMERS]);
    expect(await applyTenantMigrations(scope, "dev", [{ name: "0002_drop", sql: "DROP TABLE customers" }])).toEqual(["0002_drop"]);
  });
});

describe("the disk quota", () => {
  it("fails a migration that would grow the file past the quota, naming the quota, and leaves no trace", async () => {
    const scope = newScope();
    const quotaBytes = 64 * 1024;
    const tables = Array.from({ length: 40 }, (_, i) => `CREATE TABLE t${i} (id INTEGER PRIMARY KEY, v TEXT UNIQUE);`).join("\n");
    const err = await rejectionOf(applyTenantMigrations(scope, "dev", [{ name: "0001_many", sql: tables }], { quotaBytes }));
    expect(err).toMatchObject({ code: "payload_too_large" });
    expect(err.message).toBe("The dev database is full: it may use at most 64 KiB (65536 bytes).");
    expect(await listAppliedMigrations(scope, "dev")).toEqual([]);
    expect((await getTenantSchema(scope, "dev")).tables).toEqual([]);
  });

  it("refuses a quota the platform may not set before anything runs, even with nothing to apply", async () => {
    const scope = newScope();
    for (const quotaBytes of [0, 1.5, Number.NaN, 2 ** 60]) {
      await expect(applyTenantMigrations(scope, "dev", [], { quotaBytes })).rejects.toThrow("quotaBytes must be an integer");
    }
    expect(await listAppliedMigrations(scope, "dev")).toEqual([]);
  });
});

describe("structured operations", () => {
  it("round-trip through SQL into the introspected schema", async () => {
    const scope = newScope();
    const sql = planOperations([
      { op: "create_table", table: "authors", columns: [{ name: "name", type: "text", nullable: false, default: "anon" }] },
      {
        op: "create_table",
        table: "posts",
        columns: [
          { name: "slug", type: "text", primaryKey: true },
          { name: "author_id", type: "integer", references: { table: "authors", column: "id", onDelete: "cascade" } },
          { name: "published", type: "boolean", nullable: false, default: false },
          { name: "meta", type: "json" },
          { name: "at", type: "datetime" },
          { name: "cover", type: "blob" },
          { name: "score", type: "real", default: 0.5 },
        ],
      },
      { op: "create_index", table: "posts", columns: ["author_id", "at"] },
      { op: "add_column", table: "authors", column: { name: "bio", type: "text" } },
      { op: "rename_column", table: "authors", from: "bio", to: "about" },
    ]);
    await applyTenantMigrations(scope, "dev", [{ name: "0001_blog", sql }]);
    const { tables } = await getTenantSchema(scope, "dev");
    const [authors, posts] = tables;
    expect(authors).toMatchObject({
      name: "authors",
      primaryKey: ["id"],
      columns: [
        { name: "id", type: "INTEGER", nullable: false, default: null, primaryKey: true },
        { name: "name", type: "TEXT", nullable: false, default: "'anon'", primaryKey: false },
        { name: "about", type: "TEXT", nullable: true, default: null, primaryKey: false },
      ],
    });
    expect(posts?.columns.map((c) => [c.name, c.type])).toEqual([
      ["slug", "TEXT"], ["author_id", "INTEGER"], ["published", "BOOLEAN"], ["meta", "TEXT"],
      ["at", "DATETIME"], ["cover", "BLOB"], ["score", "REAL"],
    ]);
    expect(posts?.primaryKey).toEqual(["slug"]);
    expect(posts?.foreignKeys).toEqual([{ columns: ["author_id"], table: "authors", references: ["id"], onDelete: "CASCADE" }]);
    expect(posts?.indexes).toContainEqual({ name: "posts_author_id_at_idx", columns: ["author_id", "at"], unique: false });
    expect(posts?.withoutRowid).toBe(false);

    const db = rawDb(scope);
    db.prepare("INSERT INTO authors (name) VALUES ('ann')").run();
    db.prepare("INSERT INTO posts (slug, author_id, published) VALUES ('a', 1, 1)").run();
    expect(() => db.prepare("INSERT INTO posts (slug, published) VALUES ('b', 2)").run()).toThrow(/CHECK constraint/);
    expect(() => db.prepare("INSERT INTO posts (slug, meta) VALUES ('c', '{bad')").run()).toThrow(/CHECK constraint/);
    expect(() => db.prepare("INSERT INTO posts (slug, author_id) VALUES ('d', 99)").run()).toThrow(/FOREIGN KEY/);
    expect((await getTenantSchema(scope, "dev")).tables.map((t) => t.rowCount)).toEqual([1, 1]);
  });
});
