import { beforeAll, describe, expect, it } from "vitest";
import { POST as migrationsRoute } from "@/app/api/projects/[projectId]/db/migrations/route";
import { POST as queryRoute } from "@/app/api/projects/[projectId]/db/query/route";
import { GET as schemaRoute } from "@/app/api/projects/[projectId]/db/schema/route";
import { DELETE, GET, PATCH, POST } from "@/app/api/projects/[projectId]/db/tables/[table]/rows/route";
import { POST as invite } from "@/app/api/projects/[projectId]/members/route";
import { getDb } from "@/lib/db";
import { call } from "@/tests/support/http";
import { createTestProject, signUpUser, type TestUser } from "@/tests/support/accounts";

const TASKS = {
  name: "add_tasks",
  operations: [
    { op: "create_table", table: "tasks", columns: [
      { name: "title", type: "text", nullable: false },
      { name: "code", type: "text", unique: true },
      { name: "done", type: "boolean", default: false },
      { name: "weight", type: "real" },
    ] },
    { op: "create_table", table: "notes", columns: [{ name: "task_id", type: "integer", references: { table: "tasks", column: "id" } }, { name: "body", type: "text" }] },
  ],
};

let owner: TestUser;
let projectId: string;

type Options = { table?: string; env?: string; user?: TestUser };
const rows = (method: "POST" | "PATCH" | "DELETE", body: unknown, o: Options = {}) => {
  const handler = { POST, PATCH, DELETE }[method];
  const path = `/api/projects/${projectId}/db/tables/x/rows${o.env ? `?env=${o.env}` : ""}`;
  return call(handler, { method, path, token: (o.user ?? owner).token, params: { projectId, table: o.table ?? "tasks" }, body });
};
const page = async (table = "tasks") =>
  (await call(GET, { token: owner.token, params: { projectId, table }, path: "/api/x?env=dev" })).body as { columns: string[]; rows: unknown[][] };

beforeAll(async () => {
  owner = await signUpUser("Row editor");
  projectId = (await createTestProject(owner)).id;
  const res = await call(migrationsRoute, { method: "POST", token: owner.token, params: { projectId }, body: TASKS });
  expect(res.status).toBe(201);
});

describe("the row editor", () => {
  it("adds, changes and deletes a dev row by its primary key, and the rows route reads each change back", async () => {
    const added = await rows("POST", { values: { title: "Write docs", code: "A1", done: true, weight: 1.5 } });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({ columns: ["id", "title", "code", "done", "weight"], row: [1, "Write docs", "A1", 1, 1.5], key: { id: 1 } });
    expect((await page()).rows).toEqual([[1, "Write docs", "A1", 1, 1.5]]);

    const changed = await rows("PATCH", { key: { id: 1 }, values: { title: "Write the docs", weight: null, done: false } });
    expect(changed.status).toBe(200);
    expect(changed.body.row).toEqual([1, "Write the docs", "A1", 0, null]);
    expect((await page()).rows).toEqual([[1, "Write the docs", "A1", 0, null]]);

    const deleted = await rows("DELETE", { key: { id: 1 } });
    expect(deleted.status).toBe(204);
    expect((await page()).rows).toEqual([]);
    expect((await rows("DELETE", { key: { id: 1 } })).body.error).toMatchObject({ code: "not_found", field: "key" });
  });

  it("records each change as an audit event naming the table and the row's key", async () => {
    const since = new Date();
    const added = await rows("POST", { values: { title: "Audited" } });
    await rows("PATCH", { key: added.body.key, values: { title: "Audited twice" } });
    await rows("DELETE", { key: added.body.key });
    const db = await getDb();
    const mine = await db.auditEvent.findMany({ where: { projectId, createdAt: { gte: since }, action: { startsWith: "tenant_db.row_" } } });
    expect(mine.map((e) => e.action).sort()).toEqual(["tenant_db.row_deleted", "tenant_db.row_inserted", "tenant_db.row_updated"]);
    expect(mine.find((e) => e.action === "tenant_db.row_inserted")?.data).toMatchObject({ env: "dev", table: "tasks", key: { id: added.body.key.id }, columns: ["title"] });
  });

  it("takes defaults for columns left out, and numbers as text where the column says so", async () => {
    const res = await rows("POST", { values: { title: 42 } });
    expect(res.status).toBe(201);
    expect(res.body.row).toEqual([expect.any(Number), "42", null, 0, null]);
  });

  it("answers 422 with SQLite's own reason for NOT NULL, UNIQUE, CHECK and foreign key violations, and changes nothing", async () => {
    const before = (await page()).rows.length;
    await rows("POST", { values: { title: "First", code: "DUP" } });
    const cases: [unknown, RegExp, Options?][] = [
      [{ values: { code: "X" } }, /NOT NULL constraint failed: tasks\.title/],
      [{ values: { title: "Second", code: "DUP" } }, /UNIQUE constraint failed: tasks\.code/],
      [{ values: { title: "Third", done: 7 } }, /CHECK constraint failed/],
      [{ values: { task_id: 999_999, body: "orphan" } }, /FOREIGN KEY constraint failed/, { table: "notes" }],
    ];
    for (const [body, reason, options] of cases) {
      const res = await rows("POST", body, options);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.error.message).toMatch(reason);
      expect(res.body.error.message).not.toContain("/");
      expect(res.body.error.field).toBe("values");
    }
    expect((await page()).rows.length).toBe(before + 1);
    expect((await page("notes")).rows).toEqual([]);
    const first = (await page()).rows.find((r) => r[1] === "First");
    const clash = await rows("PATCH", { key: { id: first?.[0] }, values: { title: null } });
    expect(clash.status).toBe(422);
  });

  it("refuses an unknown table (404), an unknown column (400 naming it) and a key that is not the primary key (400)", async () => {
    expect((await rows("POST", { values: { title: "x" } }, { table: "nope" })).body.error).toMatchObject({ code: "not_found", field: "table" });
    expect((await rows("POST", { values: { title: "x" } }, { table: "_myco_migrations" })).status).toBe(404);
    expect((await rows("POST", { values: { title: "x" } }, { table: "sqlite_schema" })).status).toBe(404);
    const unknown = await rows("POST", { values: { title: "x", colour: "red" } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ field: "values.colour", message: expect.stringContaining("colour") });
    const badKey = await rows("PATCH", { key: { title: "x" }, values: { title: "y" } });
    expect(badKey.body.error).toMatchObject({ code: "bad_request", field: "key", message: expect.stringContaining("id") });
    expect((await rows("PATCH", { key: { id: 1 }, values: {} })).body.error).toMatchObject({ code: "bad_request", field: "values" });
    expect((await rows("POST", { values: { title: { nested: true } } })).status).toBe(400);
    expect((await rows("POST", { values: { title: "x" }, extra: 1 })).status).toBe(400);
  });

  it("cannot be steered into other SQL through table or column names", async () => {
    const hostile = ['tasks" ; DROP TABLE tasks; --', "tasks; DELETE FROM tasks", 'tasks"("id'];
    for (const table of hostile) expect((await rows("POST", { values: { title: "x" } }, { table })).status).toBe(404);
    for (const column of ['title" = 1; --', "title) VALUES ('a'); DROP TABLE tasks; --", "title--"]) {
      const res = await rows("POST", { values: { [column]: "x" } });
      expect(res.status).toBe(400);
      expect(res.body.error.field).toMatch(/^values/);
    }
    const schema = await call(schemaRoute, { token: owner.token, params: { projectId }, path: "/api/x?env=dev" });
    expect(schema.body.tables.map((t: { name: string }) => t.name)).toEqual(["notes", "tasks"]);
  });

  it("refuses staging and prod with 403 naming env", async () => {
    for (const env of ["staging", "prod"]) {
      const res = await rows("POST", { values: { title: "x" } }, { env });
      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject({ field: "env", message: expect.stringContaining("only in dev") });
    }
  });

  it("refuses a table without a primary key with a clear reason", async () => {
    await call(migrationsRoute, { method: "POST", token: owner.token, params: { projectId }, body: { name: "add_log", sql: 'CREATE TABLE "log" ("line" TEXT)' } });
    expect((await rows("POST", { values: { line: "hello" } }, { table: "log" })).status).toBe(201);
    const res = await rows("DELETE", { key: { rowid: 1 } }, { table: "log" });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ field: "table", message: expect.stringContaining("no primary key") });
  });

  it("lets viewers read rows but not change them (403), and hides the project from strangers (404)", async () => {
    const viewer = await signUpUser("Row viewer");
    const stranger = await signUpUser("Row stranger");
    await call(invite, { method: "POST", token: owner.token, params: { projectId }, body: { email: viewer.email, role: "viewer" } });
    const q = await call(queryRoute, { method: "POST", token: viewer.token, params: { projectId }, body: { env: "dev", sql: "SELECT count(*) FROM tasks" } });
    expect(q.status).toBe(200);
    const count = q.body.rows[0][0];
    for (const [method, body] of [["POST", { values: { title: "x" } }], ["PATCH", { key: { id: 1 }, values: { title: "x" } }], ["DELETE", { key: { id: 1 } }]] as const) {
      expect((await rows(method, body, { user: viewer })).status).toBe(403);
      expect((await rows(method, body, { user: stranger })).status).toBe(404);
    }
    const after = await call(queryRoute, { method: "POST", token: owner.token, params: { projectId }, body: { env: "dev", sql: "SELECT count(*) FROM tasks" } });
    expect(after.body.rows[0][0]).toBe(count);
  });

  it("runs in the project's lane: a change its caller gives up on is stopped and rolled back", async () => {
    const slow = 'CREATE TABLE "slow" ("id" INTEGER PRIMARY KEY, "v" TEXT);\nCREATE TRIGGER "slow_insert" AFTER INSERT ON "slow" BEGIN SELECT count(*) FROM (WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r) SELECT x FROM r); END;';
    const made = await call(migrationsRoute, { method: "POST", token: owner.token, params: { projectId }, body: { name: "add_slow", sql: slow } });
    expect(made.status).toBe(201);
    const controller = new AbortController();
    const pending = call(POST, { method: "POST", path: "/api/x", token: owner.token, params: { projectId, table: "slow" }, body: { values: { v: "never" } }, signal: controller.signal });
    setTimeout(() => controller.abort(), 500);
    const res = await pending;
    expect(res.status).toBe(503);
    expect(res.body.error.message).toContain("cancelled");
    expect((await page("slow")).rows).toEqual([]);
  });
});
