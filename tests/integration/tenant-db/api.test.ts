import { describe, expect, it } from "vitest";
import { GET as schemaRoute } from "@/app/api/projects/[projectId]/db/schema/route";
import { GET as appliedRoute, POST as migrationsRoute } from "@/app/api/projects/[projectId]/db/migrations/route";
import { POST as migrateRoute } from "@/app/api/projects/[projectId]/db/migrate/route";
import { POST as queryRoute } from "@/app/api/projects/[projectId]/db/query/route";
import { GET as rowsRoute } from "@/app/api/projects/[projectId]/db/tables/[table]/rows/route";
import { GET as historyRoute } from "@/app/api/projects/[projectId]/history/route";
import { POST as invite } from "@/app/api/projects/[projectId]/members/route";
import { authorize } from "@/lib/auth";
import { call } from "@/tests/support/http";
import { createTestProject, signUpUser, type TestUser } from "@/tests/support/accounts";
import { getFile } from "@/tests/support/workspace";
import { rawDb } from "./support";

const TODOS = {
  name: "add_todos",
  operations: [{ op: "create_table", table: "todos", columns: [
    { name: "title", type: "text", nullable: false },
    { name: "due", type: "datetime" },
    { name: "priority", type: "integer", default: 2 },
  ] }],
};

async function setup(name: string) {
  const owner = await signUpUser(name);
  const project = await createTestProject(owner);
  const params = { projectId: project.id };
  const migrate = (body: unknown, user: TestUser = owner) => call(migrationsRoute, { method: "POST", token: user.token, params, body });
  return { owner, project, params, migrate };
}

describe("tenant database API", () => {
  it("turns structured operations into a committed migration file that dev has applied", async () => {
    const { owner, project, params, migrate } = await setup("Migrator");
    const res = await migrate(TODOS);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: "0001_add_todos", path: "db/migrations/0001_add_todos.sql", applied: ["0001_add_todos"] });
    expect((await getFile(owner, project.id, "db/migrations/0001_add_todos.sql")).body.content).toBe(res.body.sql);
    const history = await call(historyRoute, { token: owner.token, params });
    expect(history.body.commits[0].message).toBe("Migration 0001_add_todos");
    const schema = await call(schemaRoute, { token: owner.token, params, path: "/api/x?env=dev" });
    const todos = schema.body.tables.find((t: { name: string }) => t.name === "todos");
    expect(todos.columns.map((c: { name: string }) => c.name)).toEqual(["id", "title", "due", "priority"]);
    expect(todos).toMatchObject({ rowCount: 0, primaryKey: ["id"] });
    const second = await migrate({ name: "add_done", sql: 'ALTER TABLE "todos" ADD COLUMN "done" BOOLEAN NOT NULL DEFAULT 0' });
    expect(second.body.name).toBe("0002_add_done");
    const applied = await call(appliedRoute, { token: owner.token, params, path: "/api/x?env=dev" });
    expect(applied.body.map((m: { name: string }) => m.name)).toEqual(["0001_add_todos", "0002_add_done"]);
  });

  it("leaves no file, commit or schema change when a migration fails, and says which statement failed", async () => {
    const { owner, params, migrate } = await setup("Failing");
    await migrate(TODOS);
    const before = (await call(historyRoute, { token: owner.token, params })).body.commits.length;
    const res = await migrate({ name: "broken", sql: 'CREATE TABLE "tags" ("id" INTEGER PRIMARY KEY);\nALTER TABLE "missing" ADD COLUMN "x" TEXT;' });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(/statement 2/);
    expect((await call(historyRoute, { token: owner.token, params })).body.commits.length).toBe(before);
    const schema = await call(schemaRoute, { token: owner.token, params, path: "/api/x?env=dev" });
    expect(schema.body.tables.map((t: { name: string }) => t.name)).toEqual(["todos"]);
  });

  it.each([
    ["ATTACH hidden behind a table", 'CREATE TABLE "a" ("x" TEXT); ATTACH DATABASE \'/tmp/x.db\' AS other'],
    ["PRAGMA", "PRAGMA writable_schema = ON"],
    ["VACUUM INTO", "VACUUM INTO '/tmp/copy.db'"],
    ["an injected identifier", 'CREATE TABLE "a"";ATTACH \'/tmp/y\' AS z;--" ("x" TEXT)'],
    ["a write", "DELETE FROM todos"],
  ])("refuses %s with 422 and writes nothing", async (_what, sql) => {
    const { owner, project, migrate } = await setup("Refused");
    const res = await migrate({ name: "evil", sql });
    expect(res.status).toBe(422);
    expect(res.body.error.field).toBe("sql");
    expect((await getFile(owner, project.id, "db/migrations/0001_evil.sql")).status).toBe(404);
  });

  it("refuses to drop a table holding rows unless confirmed", async () => {
    const { owner, project, params, migrate } = await setup("Dropper");
    await migrate(TODOS);
    const scope = await authorize({ userId: owner.id, email: owner.email, name: "x", isAdmin: false, via: "token" }, project.id, "owner");
    rawDb(scope).prepare("INSERT INTO todos (title) VALUES (?)").run("keep me");
    const drop = { name: "drop_todos", operations: [{ op: "drop_table", table: "todos" }] };
    const refused = await migrate(drop);
    expect(refused.status).toBe(409);
    expect(refused.body.error.field).toBe("confirmDestructive");
    expect((await migrate({ ...drop, confirmDestructive: true })).status).toBe(201);
    const schema = await call(schemaRoute, { token: owner.token, params, path: "/api/x?env=dev" });
    expect(schema.body.tables).toEqual([]);
  });

  it("queries read-only with parameters, browses rows by cursor, and stops a runaway query", async () => {
    const { owner, project, params, migrate } = await setup("Reader");
    await migrate(TODOS);
    const scope = await authorize({ userId: owner.id, email: owner.email, name: "x", isAdmin: false, via: "token" }, project.id, "owner");
    const insert = rawDb(scope).prepare("INSERT INTO todos (title, priority) VALUES (?, ?)");
    for (let i = 1; i <= 5; i++) insert.run(`task ${i}`, i % 3);
    const q = await call(queryRoute, { method: "POST", token: owner.token, params, body: { env: "dev", sql: "SELECT title FROM todos WHERE priority = ? ORDER BY id", params: [1] } });
    expect(q.body).toMatchObject({ columns: ["title"], rows: [["task 1"], ["task 4"]], truncated: false });
    const page1 = await call(rowsRoute, { token: owner.token, params: { ...params, table: "todos" }, path: "/api/x?env=dev&limit=3" });
    expect(page1.body.rows).toHaveLength(3);
    const page2 = await call(rowsRoute, { token: owner.token, params: { ...params, table: "todos" }, path: `/api/x?env=dev&limit=3&cursor=${page1.body.nextCursor}` });
    expect(page2.body).toMatchObject({ nextCursor: null });
    expect(page2.body.rows.map((r: unknown[]) => r[1])).toEqual(["task 4", "task 5"]);
    const pragma = await call(queryRoute, { method: "POST", token: owner.token, params, body: { env: "dev", sql: "SELECT * FROM pragma_database_list" } });
    expect(pragma.status).toBe(422);
    const runaway = await call(queryRoute, { method: "POST", token: owner.token, params, body: { env: "dev", timeoutMs: 300, sql: "WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r) SELECT count(*) FROM r" } });
    expect(runaway.status).toBe(422);
    expect(runaway.body.error.message).toContain("time limit");
    expect((await call(rowsRoute, { token: owner.token, params: { ...params, table: "nope" }, path: "/api/x?env=dev" })).status).toBe(404);
  });

  it("applies the workspace's migrations to dev on request, and never to staging or prod, which only a deploy migrates", async () => {
    const { owner, params, migrate } = await setup("Stager");
    await migrate(TODOS);
    expect((await call(migrateRoute, { method: "POST", token: owner.token, params, body: { env: "dev" } })).body).toEqual({ applied: [] });
    for (const env of ["staging", "prod"]) {
      const refused = await call(migrateRoute, { method: "POST", token: owner.token, params, body: { env, confirmDestructive: true } });
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatchObject({ field: "env", message: expect.stringContaining("deploying a release") });
      expect((await call(appliedRoute, { token: owner.token, params, path: `/api/x?env=${env}` })).body).toEqual([]);
    }
  });

  it("lets viewers read but not migrate, and hides another tenant's database behind 404", async () => {
    const { owner, params, migrate } = await setup("Guarded");
    await migrate(TODOS);
    const viewer = await signUpUser("Peeker");
    const stranger = await signUpUser("Outsider");
    await call(invite, { method: "POST", token: owner.token, params, body: { email: viewer.email, role: "viewer" } });
    expect((await call(schemaRoute, { token: viewer.token, params, path: "/api/x?env=dev" })).status).toBe(200);
    expect((await migrate(TODOS, viewer)).status).toBe(403);
    for (const res of [
      await call(schemaRoute, { token: stranger.token, params, path: "/api/x?env=dev" }),
      await call(queryRoute, { method: "POST", token: stranger.token, params, body: { env: "dev", sql: "SELECT * FROM todos" } }),
      await call(rowsRoute, { token: stranger.token, params: { ...params, table: "todos" }, path: "/api/x?env=dev" }),
      await migrate(TODOS, stranger),
    ]) expect(res.status).toBe(404);
  });
});
