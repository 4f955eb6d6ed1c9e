import { describe, expect, it } from "vitest";
import { MigrationOperations, planOperations, validateMigration, type MigrationOperation } from "@/lib/tenant-db";

function planError(operations: unknown): { code: string; field: string; message: string } {
  try {
    planOperations(operations as MigrationOperation[]);
  } catch (err) {
    return err as { code: string; field: string; message: string };
  }
  throw new Error("planned");
}

describe("planOperations", () => {
  it("quotes every name, escapes defaults and adds an id to a table without a key", () => {
    const sql = planOperations([
      {
        op: "create_table",
        table: "customers",
        columns: [
          { name: "name", type: "text", nullable: false, default: "O'Brien; DROP TABLE x --" },
          { name: "vip", type: "boolean", default: false },
          { name: "score", type: "real", default: -1.5 },
          { name: "meta", type: "json", default: null },
          { name: "since", type: "datetime" },
          { name: "email", type: "text", unique: true },
        ],
      },
    ]);
    expect(sql).toBe(
      [
        `CREATE TABLE "customers" (`,
        `  "id" INTEGER PRIMARY KEY,`,
        `  "name" TEXT NOT NULL DEFAULT 'O''Brien; DROP TABLE x --',`,
        `  "vip" BOOLEAN DEFAULT 0 CHECK ("vip" IN (0, 1)),`,
        `  "score" REAL DEFAULT -1.5,`,
        `  "meta" TEXT DEFAULT NULL CHECK (json_valid("meta")),`,
        `  "since" DATETIME,`,
        `  "email" TEXT UNIQUE`,
        `);`,
        ``,
      ].join("\n"),
    );
    expect(validateMigration(sql)).toHaveLength(1);
  });

  it("keeps a single key inline, a composite key as a constraint, and references with ON DELETE", () => {
    const sql = planOperations([
      { op: "create_table", table: "tags", columns: [{ name: "slug", type: "text", primaryKey: true }] },
      {
        op: "create_table",
        table: "post_tags",
        columns: [
          { name: "post_id", type: "integer", primaryKey: true, references: { table: "posts", column: "id", onDelete: "cascade" } },
          { name: "tag", type: "text", primaryKey: true, references: { table: "tags", column: "slug", onDelete: "set null" } },
        ],
      },
    ]);
    expect(sql).toContain(`"slug" TEXT PRIMARY KEY NOT NULL`);
    expect(sql).toContain(`"post_id" INTEGER NOT NULL REFERENCES "posts" ("id") ON DELETE CASCADE`);
    expect(sql).toContain(`"tag" TEXT NOT NULL REFERENCES "tags" ("slug") ON DELETE SET NULL`);
    expect(sql).toContain(`PRIMARY KEY ("post_id", "tag")`);
    expect(sql).not.toContain(`"id" INTEGER PRIMARY KEY`);
  });

  it("turns the other operations into one allowlisted statement each", () => {
    const sql = planOperations([
      { op: "add_column", table: "orders", column: { name: "paid", type: "boolean", nullable: false, default: true } },
      { op: "rename_column", table: "orders", from: "note", to: "memo" },
      { op: "drop_column", table: "orders", column: "memo" },
      { op: "create_index", table: "orders", columns: ["customer_id", "paid"], unique: true },
      { op: "create_index", table: "orders", columns: ["paid"], name: "by_paid" },
      { op: "drop_index", name: "by_paid" },
      { op: "drop_table", table: "orders" },
    ]);
    expect(sql.split(";\n\n")).toEqual([
      `ALTER TABLE "orders" ADD COLUMN "paid" BOOLEAN NOT NULL DEFAULT 1 CHECK ("paid" IN (0, 1))`,
      `ALTER TABLE "orders" RENAME COLUMN "note" TO "memo"`,
      `ALTER TABLE "orders" DROP COLUMN "memo"`,
      `CREATE UNIQUE INDEX "orders_customer_id_paid_idx" ON "orders" ("customer_id", "paid")`,
      `CREATE INDEX "by_paid" ON "orders" ("paid")`,
      `DROP INDEX "by_paid"`,
      `DROP TABLE "orders";\n`,
    ]);
    expect(validateMigration(sql).map((s) => s.drops)).toEqual([
      undefined, undefined, { table: "orders", column: "memo" }, undefined, undefined, undefined, { table: "orders" },
    ]);
  });

  it("shortens a long generated index name with a hash", () => {
    const long = "a".repeat(40);
    const sql = planOperations([{ op: "create_index", table: long, columns: [`${long}_b`] }]);
    const name = /INDEX "([^"]+)"/.exec(sql)?.[1] ?? "";
    expect(name).toHaveLength(63);
    expect(name).toMatch(/^a{40}_a{13}_[0-9a-f]{8}$/);
  });

  it.each([
    ["an injected table name", [{ op: "drop_table", table: `a";ATTACH 'x' AS y;--` }], "operations.0.table"],
    ["a reserved name", [{ op: "drop_table", table: "sqlite_master" }], "operations.0.table"],
    ["a name of 64 characters", [{ op: "drop_table", table: "a".repeat(64) }], "operations.0.table"],
    ["an unknown operation", [{ op: "execute_sql", sql: "ATTACH 'x' AS y" }], "operations.0.op"],
    ["an unknown field", [{ op: "drop_table", table: "a", sql: "x" }], "operations.0"],
    ["an unknown column type", [{ op: "create_table", table: "a", columns: [{ name: "b", type: "varchar" }] }], "operations.0.columns.0.type"],
    ["a SQL expression as a default", [{ op: "add_column", table: "a", column: { name: "b", type: "text", default: { sql: "1" } } }], "operations.0.column.default"],
    ["duplicate column names", [{ op: "create_table", table: "a", columns: [{ name: "b", type: "text" }, { name: "B", type: "text" }] }], "operations.0.columns"],
    ["an id that is not the key", [{ op: "create_table", table: "a", columns: [{ name: "id", type: "text" }] }], "operations.0.columns"],
    ["an added unique column", [{ op: "add_column", table: "a", column: { name: "b", type: "text", unique: true } }], "operations.0.column"],
    ["an added NOT NULL column without a default", [{ op: "add_column", table: "a", column: { name: "b", type: "text", nullable: false } }], "operations.0.column.default"],
    ["no operations", [], "operations"],
    ["51 operations", Array.from({ length: 51 }, () => ({ op: "drop_index", name: "i" })), "operations"],
  ])("refuses %s as bad_request naming the field", (_name, operations, field) => {
    expect(planError(operations)).toMatchObject({ code: "bad_request", field });
  });

  it("refuses a default that the migration allowlist would refuse", () => {
    const err = planError([{ op: "add_column", table: "a", column: { name: "b", type: "text", default: "sqlite_master" } }]);
    expect(err).toMatchObject({ code: "unprocessable", field: "sql" });
  });

  it("exports the list schema with its bounds", () => {
    expect(MigrationOperations.safeParse([{ op: "drop_index", name: "i" }]).success).toBe(true);
    expect(MigrationOperations.safeParse([]).success).toBe(false);
  });
});
