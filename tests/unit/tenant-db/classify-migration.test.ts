import { describe, expect, it } from "vitest";
import { classifyMigration } from "@/lib/tenant-db/classify-migration";

describe("classifyMigration", () => {
  it.each([
    "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)",
    "ALTER TABLE todos ADD COLUMN notes TEXT",
    "ALTER TABLE todos ADD notes TEXT NOT NULL DEFAULT ''",
    "CREATE INDEX todos_title ON todos (title)",
    "CREATE VIEW open_todos AS SELECT * FROM todos WHERE done = 0",
    "DROP INDEX todos_title",
    "CREATE TABLE a (id INTEGER PRIMARY KEY);\nCREATE INDEX a_id ON a (id);",
  ])("keeps older code working: %s", (sql) => {
    expect(classifyMigration(sql)).toEqual({ effect: "additive" });
  });

  it.each([
    ["DROP TABLE todos", "loses data"],
    ["ALTER TABLE todos DROP COLUMN notes", "loses data"],
    ["ALTER TABLE todos RENAME COLUMN title TO name", "rename"],
    ["ALTER TABLE todos RENAME TO tasks", "rename"],
    ["CREATE UNIQUE INDEX t ON todos (title)", "UNIQUE"],
    ["CREATE TRIGGER t AFTER INSERT ON todos BEGIN DELETE FROM todos WHERE id = 0; END", "trigger"],
    ["DROP VIEW open_todos", "view"],
    ["CREATE TABLE notes (id INTEGER PRIMARY KEY);\nDROP TABLE todos;", "loses data"],
  ])("breaks older code: %s", (sql, reason) => {
    const result = classifyMigration(sql);
    expect(result.effect).toBe("breaking");
    if (result.effect === "breaking") expect(result.reason).toContain(reason);
  });
});
