import { afterAll, describe, expect, it } from "vitest";
import { GET as listRoute } from "@/app/api/projects/[projectId]/functions/route";
import * as invokeModule from "@/app/api/projects/[projectId]/functions/[name]/invoke/route";
import { POST as invokeRoute } from "@/app/api/projects/[projectId]/functions/[name]/invoke/route";
import { GET as logsRoute } from "@/app/api/projects/[projectId]/functions/[name]/logs/route";
import { GET as readSettingsRoute, PUT as settingsRoute } from "@/app/api/projects/[projectId]/function-settings/route";
import { GET as secretsRoute } from "@/app/api/projects/[projectId]/secrets/route";
import { PUT as setSecretRoute } from "@/app/api/projects/[projectId]/secrets/[name]/route";
import { POST as migrationsRoute } from "@/app/api/projects/[projectId]/db/migrations/route";
import { GET as publicFn, POST as publicFnPost } from "@/app/apps-host/[slug]/[env]/myco-fn/[name]/[[...path]]/route";
import { POST as invite } from "@/app/api/projects/[projectId]/members/route";
import { DEFAULT_LIMITS, shutdownRuntime } from "@/lib/functions";
import { getDb } from "@/lib/db";
import { call } from "@/tests/support/http";
import { createTestProject, signUpUser, type TestUser } from "@/tests/support/accounts";
import { putFile } from "@/tests/support/workspace";
import { nextEventBlock } from "@/tests/support/sse";

afterAll(() => shutdownRuntime());

const TODOS_FN = `
type Req = { method: string; query: Record<string, string>; body: { title?: string } | null };
type Ctx = { db: { query(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>; exec(sql: string, params?: unknown[]): Promise<{ lastInsertRowid: number }> } };
export default async function handler(req: Req, ctx: Ctx) {
  if (req.method === "POST") {
    if (!req.body?.title) return { status: 400, body: { error: "title is required" } };
    const { lastInsertRowid } = await ctx.db.exec("INSERT INTO todos (title) VALUES (?)", [req.body.title]);
    console.log("created todo", lastInsertRowid);
    return { status: 201, body: { id: lastInsertRowid, title: req.body.title } };
  }
  return ctx.db.query("SELECT id, title FROM todos ORDER BY id");
}
`;

async function projectWithTodos(name: string) {
  const owner = await signUpUser(name);
  const project = await createTestProject(owner, `${name} app`);
  const params = { projectId: project.id };
  await call(migrationsRoute, { method: "POST", token: owner.token, params, body: { name: "todos", sql: "CREATE TABLE todos (id INTEGER PRIMARY KEY, title TEXT NOT NULL)" } });
  await putFile(owner, project.id, "functions/todos.ts", TODOS_FN);
  return { owner, project, params };
}

const invoke = (user: TestUser, projectId: string, name: string, body: unknown) =>
  call(invokeRoute, { method: "POST", token: user.token, params: { projectId, name }, body });

describe("functions over HTTP", () => {
  it("runs a function only on POST in the IDE API: a GET link cannot run an editor's function", async () => {
    for (const method of ["GET", "HEAD", "PUT", "PATCH", "DELETE"] as const) {
      const res = await call(invokeModule[method], { method, params: { projectId: "00000000-0000-0000-0000-000000000000", name: "hello" } });
      expect([res.status, res.headers.get("allow")], method).toEqual([405, "OPTIONS, POST"]);
    }
  });

  it("a user writes functions/todos.ts, calls it from the builder and on the app's origin, and reads its logs", async () => {
    const { owner, project, params } = await projectWithTodos("Crud");
    const created = await invoke(owner, project.id, "todos", { method: "POST", body: { title: "Buy milk" } });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ ok: true, status: 201, body: { id: 1, title: "Buy milk" }, logs: [expect.objectContaining({ message: "created todo 1" })] });

    const appParams = { slug: project.slug, env: "dev", name: "todos" };
    const post = await call(publicFnPost, { method: "POST", params: appParams, path: "/_fn/todos", body: { title: "Walk dog" } });
    expect(post.status).toBe(201);
    expect(post.headers.get("x-myco-invocation")).toMatch(/^[0-9a-f-]{36}$/);
    const list = await call(publicFn, { params: appParams, path: "/_fn/todos" });
    expect(list).toMatchObject({ status: 200, body: [{ id: 1, title: "Buy milk" }, { id: 2, title: "Walk dog" }] });
    const bad = await call(publicFnPost, { method: "POST", params: appParams, path: "/_fn/todos", body: {} });
    expect(bad).toMatchObject({ status: 400, body: { error: "title is required" } });

    const logs = await call(logsRoute, { token: owner.token, params: { ...params, name: "todos" }, path: "/api/x?limit=2" });
    expect(logs.body.invocations).toHaveLength(2);
    expect(logs.body.invocations[0]).toMatchObject({ trigger: "http", status: "ok", httpStatus: 400, env: "dev" });
    expect(logs.body.nextCursor).toEqual(expect.any(String));
    const older = await call(logsRoute, { token: owner.token, params: { ...params, name: "todos" }, path: `/api/x?limit=10&cursor=${logs.body.nextCursor}` });
    expect(older.body.invocations.map((i: { trigger: string }) => i.trigger)).toEqual(["http", "api"]);

    const listed = await call(listRoute, { token: owner.token, params });
    expect(listed.body.map((f: { name: string }) => f.name)).toEqual(["hello", "todos"]);
  });

  it("streams new invocations live as server-sent events", async () => {
    const { owner, project, params } = await projectWithTodos("Live");
    const controller = new AbortController();
    const req = new Request("http://localhost:3000/api/x", { headers: { authorization: `Bearer ${owner.token}`, accept: "text/event-stream" }, signal: controller.signal });
    const res = await logsRoute(req, { params: Promise.resolve({ ...params, name: "todos" }) });
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const reader = res.body!.getReader();
    await invoke(owner, project.id, "todos", { method: "GET" });
    const text = await nextEventBlock(reader);
    expect(text).toMatch(/^id: [0-9a-f-]{36}\nevent: invocation\ndata: \{.*"functionName":"todos".*\}\n\n$/s);
    controller.abort();
  });

  it("answers 404 for a missing function and 422 with file, line and column for one that does not build", async () => {
    const owner = await signUpUser("Builds");
    const project = await createTestProject(owner);
    await putFile(owner, project.id, "functions/broken.ts", "export default () => {\n  return ;;\n  const = 1;\n};\n");
    const missing = await invoke(owner, project.id, "nothing", {});
    expect(missing.status).toBe(404);
    const broken = await invoke(owner, project.id, "broken", {});
    expect(broken.status).toBe(422);
    expect(broken.body.error.message).toMatch(/^functions\/broken\.ts:3:9: /);
    const pub = await call(publicFn, { params: { slug: project.slug, env: "dev", name: "broken" } });
    expect(pub.status).toBe(422);
    expect((await call(publicFn, { params: { slug: "no-such-app", env: "dev", name: "hello" } })).status).toBe(404);
  });

  it("gives functions their secrets in ctx.env, never returns them, and stores them encrypted", async () => {
    const owner = await signUpUser("Secrets");
    const project = await createTestProject(owner);
    const params = { projectId: project.id };
    const set = await call(setSecretRoute, { method: "PUT", token: owner.token, params: { ...params, name: "API_KEY" }, body: { value: "s3cret-value" } });
    expect(set.body).toEqual({ name: "API_KEY", updatedAt: expect.any(String) });
    await putFile(owner, project.id, "functions/env.ts", "export default async (_req: unknown, ctx: { env: Record<string, string> }) => ({ key: ctx.env.API_KEY, keys: Object.keys(ctx.env) });\n");
    expect((await invoke(owner, project.id, "env", {})).body.body).toEqual({ key: "s3cret-value", keys: ["API_KEY"] });
    const listed = await call(secretsRoute, { token: owner.token, params });
    expect(JSON.stringify(listed.body)).not.toContain("s3cret");
    const row = await (await getDb()).projectSecret.findFirstOrThrow({ where: { projectId: project.id } });
    expect(row.ciphertext).not.toContain("s3cret");
    const badName = await call(setSecretRoute, { method: "PUT", token: owner.token, params: { ...params, name: "lower" }, body: { value: "x" } });
    expect(badName.status).toBe(400);
  });

  it("keeps fetch off until hosts are allowed, and never reaches loopback or metadata even then", async () => {
    const owner = await signUpUser("Fetcher");
    const project = await createTestProject(owner);
    await putFile(owner, project.id, "functions/get.ts", `export default async (req: { query: { url: string } }, ctx: { fetch(u: string): Promise<{ status: number }> }) => {
  try { return { status: (await ctx.fetch(req.query.url)).status }; } catch (e) { return { error: String((e as Error).message) }; }
};\n`);
    const run = async (url: string) => (await call(invokeRoute, { method: "POST", token: owner.token, params: { projectId: project.id, name: "get" }, body: { query: { url } } })).body.body;
    expect((await run("http://example.com/")).error).toContain("ctx.fetch is off");
    const saved = await call(settingsRoute, { method: "PUT", token: owner.token, params: { projectId: project.id }, body: { allowedHosts: ["localhost", "metadata.google.internal", "example.com"] } });
    expect(saved.status).toBe(200);
    const refused = await call(settingsRoute, { method: "PUT", token: owner.token, params: { projectId: project.id }, body: { allowedHosts: ["http://x.com/"] } });
    expect(refused.body.error.field).toBe("allowedHosts.0");
    expect((await run("http://localhost:3000/api/health")).error).toContain("private or reserved");
    expect((await run("http://169.254.169.254/latest/meta-data/")).error).toContain("not in this project's allowed hosts");
    expect((await run("http://127.0.0.1:5432/")).error).toContain("not in this project's allowed hosts");
  });

  it("keeps each project's database its own: another tenant's tables and files are unreachable", async () => {
    const a = await projectWithTodos("TenantA");
    await invoke(a.owner, a.project.id, "todos", { method: "POST", body: { title: "A's secret todo" } });
    const bOwner = await signUpUser("TenantB");
    const b = await createTestProject(bOwner);
    await putFile(bOwner, b.id, "functions/steal.ts", `export default async (_r: unknown, ctx: { db: { query(s: string): Promise<unknown>; exec(s: string): Promise<unknown> } }) => {
  const out: string[] = [];
  for (const sql of ["SELECT * FROM todos", "ATTACH DATABASE '../${a.project.id}/dev.sqlite' AS a", "SELECT * FROM pragma_database_list"]) {
    try { out.push(JSON.stringify(await ctx.db.query(sql))); } catch (e) { out.push("refused: " + (e as Error).message); }
  }
  return out;
};\n`);
    const res = await invoke(bOwner, b.id, "steal", {});
    expect(res.body.ok).toBe(true);
    expect(res.body.body).toHaveLength(3);
    for (const line of res.body.body) expect(line).toMatch(/^refused: /);
    expect(JSON.stringify(res.body)).not.toContain("A's secret todo");
    const stranger = await invoke(bOwner, a.project.id, "todos", {});
    expect(stranger.status).toBe(404);
  });

  it("lets viewers read logs but not invoke", async () => {
    const { owner, project, params } = await projectWithTodos("Roles");
    const viewer = await signUpUser("Watcher");
    await call(invite, { method: "POST", token: owner.token, params, body: { email: viewer.email, role: "viewer" } });
    expect((await invoke(viewer, project.id, "todos", {})).status).toBe(403);
    expect((await call(logsRoute, { token: viewer.token, params: { ...params, name: "todos" } })).status).toBe(200);
  });

  it("shows the default limits beside the overrides, lets every member read them and only owners change them", async () => {
    const owner = await signUpUser("Limits");
    const project = await createTestProject(owner);
    const params = { projectId: project.id };
    const fresh = await call(readSettingsRoute, { token: owner.token, params });
    expect(fresh).toMatchObject({ status: 200, body: { limits: {}, allowedHosts: [], defaults: DEFAULT_LIMITS } });
    expect(fresh.body.defaults).toEqual({ memoryMb: 64, cpuMs: 1000, wallMs: 10_000, maxResponseBytes: 1024 * 1024, maxLogBytes: 64 * 1024, maxConcurrent: 8 });

    const saved = await call(settingsRoute, { method: "PUT", token: owner.token, params, body: { limits: { cpuMs: 2000 }, allowedHosts: ["api.example.com"] } });
    expect(saved.body).toEqual({ limits: { cpuMs: 2000 }, allowedHosts: ["api.example.com"], defaults: DEFAULT_LIMITS });
    const tooMuch = await call(settingsRoute, { method: "PUT", token: owner.token, params, body: { limits: { cpuMs: 10_001 } } });
    expect([tooMuch.status, tooMuch.body.error.field]).toEqual([400, "limits.cpuMs"]);

    const editor = await signUpUser("LimitsEditor");
    const stranger = await signUpUser("LimitsStranger");
    await call(invite, { method: "POST", token: owner.token, params, body: { email: editor.email, role: "editor" } });
    const read = await call(readSettingsRoute, { token: editor.token, params });
    expect(read.body).toEqual({ limits: { cpuMs: 2000 }, allowedHosts: ["api.example.com"], defaults: DEFAULT_LIMITS });
    expect((await call(settingsRoute, { method: "PUT", token: editor.token, params, body: { limits: {} } })).status).toBe(403);
    expect((await call(readSettingsRoute, { token: stranger.token, params })).status).toBe(404);
    expect((await call(readSettingsRoute, { token: owner.token, params })).body.limits).toEqual({ cpuMs: 2000 });
  });
});
