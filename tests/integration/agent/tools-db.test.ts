import { describe, expect, it } from "vitest";
import { listFiles } from "@/lib/workspace";
import { toolRun } from "./tools-support";

const createTodos = {
  name: "add_todos",
  operations: [
    {
      op: "create_table",
      table: "todos",
      columns: [
        { name: "title", type: "text", nullable: false },
        { name: "done", type: "boolean", nullable: false, default: false },
      ],
    },
    { op: "create_index", table: "todos", columns: ["title"] },
  ],
};

describe("the agent's database tools", () => {
  it("creates a table with change_db_schema, which get_db_schema then shows", async () => {
    const t = await toolRun("ToolsDb");
    expect((await t.call("get_db_schema")).content).toBe("The database has no tables yet.");
    const changed = await t.ok<{ migration: string; sql: string; schema: string }>("change_db_schema", createTodos);
    expect(changed.migration).toBe("db/migrations/0001_add_todos.sql");
    expect(changed.sql).toContain('CREATE TABLE "todos"');
    expect(changed.schema).toContain("todos (0 rows): id INTEGER pk, title TEXT not null, done BOOLEAN not null default 0");
    expect((await listFiles(t.scope)).map((f) => f.path)).toContain("db/migrations/0001_add_todos.sql");
    expect(t.session.changedPaths.has("db/migrations/0001_add_todos.sql")).toBe(true);
    const schema = await t.call("get_db_schema");
    expect(schema.content).toBe(
      "todos (0 rows): id INTEGER pk, title TEXT not null, done BOOLEAN not null default 0\n  index todos_title_idx (title)",
    );
  });

  it("refuses raw SQL in place of operations, before anything is written", async () => {
    const t = await toolRun("ToolsDbSql");
    const asString = await t.call("change_db_schema", { name: "evil", operations: "DROP TABLE users" });
    expect(asString.ok).toBe(false);
    expect(asString.content).toMatch(/^Error: invalid arguments\.\n.*expected array/s);
    const asOp = await t.call("change_db_schema", { name: "evil", operations: [{ op: "sql", sql: "CREATE TABLE x (a)" }] });
    expect(asOp.content).toMatch(/^Error: invalid arguments\./);
    const beside = await t.call("change_db_schema", { name: "evil", sql: "CREATE TABLE x (a)", operations: createTodos.operations });
    expect(beside.content).toMatch(/Unrecognized key: "sql"/);
    expect((await listFiles(t.scope)).some((f) => f.path.endsWith(".sql"))).toBe(false);
  });

  it("answers a failing migration as an error and leaves no file", async () => {
    const t = await toolRun("ToolsDbFail");
    await t.ok("change_db_schema", createTodos);
    const again = await t.call("change_db_schema", { name: "again", operations: [createTodos.operations[0]] });
    expect(again.ok).toBe(false);
    expect(again.content).toMatch(/^Error: .*todos.*already exists/);
    const dropped = await t.call("change_db_schema", { name: "drop_todos", operations: [{ op: "drop_table", table: "todos" }] });
    expect(dropped.ok).toBe(true); // an empty table holds no data to lose
    expect((await listFiles(t.scope)).filter((f) => f.path.endsWith(".sql")).map((f) => f.path)).toEqual([
      "db/migrations/0001_add_todos.sql",
      "db/migrations/0002_drop_todos.sql",
    ]);
  });

  it("runs read-only queries with parameters, and refuses writes", async () => {
    const t = await toolRun("ToolsQuery");
    await t.ok("change_db_schema", createTodos);
    const rows = await t.ok("run_query", { sql: "SELECT ? AS a, ? + 1 AS b", params: ["x", 41] });
    expect(rows).toEqual({ columns: ["a", "b"], rows: [["x", 42]], rowCount: 1 });
    const many = await t.ok("run_query", { sql: "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500) SELECT i FROM n", limit: 5 });
    expect(many).toMatchObject({ rowCount: 5, truncated: expect.any(String) });
    const write = await t.call("run_query", { sql: "DELETE FROM todos" });
    expect(write.ok).toBe(false);
    expect(write.content).toMatch(/^Error: /);
    expect((await t.call("run_query", { sql: "SELECT * FROM nope" })).content).toMatch(/^Error: Query failed: no such table: nope/);
  });
});
