import { afterAll, describe, expect, it } from "vitest";
import { GET as listRoute, POST as runRoute } from "@/app/api/projects/[projectId]/agent/runs/route";
import { GET as undoPlanRoute, POST as undoRoute } from "@/app/api/projects/[projectId]/agent/runs/[runId]/undo/route";
import { POST as inviteRoute } from "@/app/api/projects/[projectId]/members/route";
import { POST as previewErrorRoute } from "@/app/api/projects/[projectId]/agent/preview-errors/route";
import { listPreviewErrors } from "@/lib/agent";
import { getDb } from "@/lib/db";
import { runFunction, shutdownRuntime } from "@/lib/functions";
import { getHeadSha, listHistory, readFile } from "@/lib/workspace";
import { getTenantSchema } from "@/lib/tenant-db";
import { authorize, type ProjectScope } from "@/lib/auth";
import { call } from "@/tests/support/http";
import { putFile } from "@/tests/support/workspace";
import { createTestProject, signUpUser, type TestUser } from "@/tests/support/accounts";
import { postStream, type StreamEvent } from "@/tests/support/sse";
import { log } from "@/lib/log";

afterAll(() => shutdownRuntime());

const TODO_REQUEST = "a todo app with title, due date and priority";

async function setup(name: string) {
  const owner = await signUpUser(name);
  const project = await createTestProject(owner, `${name} app`);
  const identity = { userId: owner.id, email: owner.email, name, isAdmin: false, via: "token" as const };
  const scope: ProjectScope = await authorize(identity, project.id, "owner");
  return { owner, project, scope, params: { projectId: project.id } };
}

const run = (owner: TestUser, params: { projectId: string }, prompt: string) => postStream(runRoute, { params, token: owner.token, body: { prompt } });
const ofType = (events: StreamEvent[], type: string) => events.filter((e) => e.event === type).map((e) => e.data);

describe("agent runs with the offline provider", () => {
  it("builds the todo app as one commit whose message is the request, and records the run", async () => {
    const { owner, params, scope } = await setup("Todo");
    const base = await getHeadSha(scope);
    const { status, events } = await run(owner, params, TODO_REQUEST);
    expect(status).toBe(200);
    expect(events[0]).toMatchObject({ event: "run", data: { prompt: TODO_REQUEST, provider: "offline", baseSha: base } });
    const calls = ofType(events, "tool_call").map((c) => c.name);
    expect(calls).toEqual(["read_blueprint", "change_db_schema", "write_function", "update_blueprint"]);
    const results = ofType(events, "tool_result");
    expect(results.every((r) => r.ok), JSON.stringify(results)).toBe(true);
    expect(results.flatMap((r) => r.files)).toContain("app.json");
    const done = events.at(-1);
    expect(done?.event).toBe("done");
    expect(done?.data).toMatchObject({ reason: "completed" });
    expect(done?.data.filesChanged).toEqual(expect.arrayContaining(["app.json", "functions/todos.ts"]));

    const history = await listHistory(scope, { limit: 5 });
    expect(history.commits[0]).toMatchObject({ sha: done?.data.commitSha, message: TODO_REQUEST });
    expect(history.commits[1]?.sha).toBe(base);

    const created = await runFunction(scope, "todos", { method: "POST", path: "/", query: {}, headers: {}, body: { title: "Ship it", due_date: "2026-12-01", priority: "high" } }, "api", log);
    expect(created.result).toMatchObject({ ok: true });
    const listed = await runFunction(scope, "todos", { method: "GET", path: "/", query: {}, headers: {}, body: null }, "api", log);
    expect(JSON.stringify(listed.result)).toContain("Ship it");

    const page = await call(listRoute, { params, token: owner.token });
    expect(page.status).toBe(200);
    const [stored] = page.body.runs;
    expect(stored).toMatchObject({ prompt: TODO_REQUEST, status: "succeeded", reason: "completed", commitSha: done?.data.commitSha, provider: "offline" });
    expect(stored.messages.map((m: { role: string }) => m.role)).toEqual(["user", "assistant", "tool", "assistant", "tool", "tool", "tool", "assistant"]);
    expect(stored.messages[3].toolCalls.map((c: { name: string }) => c.name)).toEqual(calls.slice(1));
    const usage = await (await getDb()).aiUsage.findMany({ where: { runId: stored.id } });
    expect(usage).toEqual([expect.objectContaining({ provider: "offline", model: "myco-offline-planner", promptTokens: 0 })]);
  });

  it("says plainly what it could not understand and changes nothing", async () => {
    const { owner, params, scope } = await setup("Vague");
    const base = await getHeadSha(scope);
    const { events } = await run(owner, params, "make it pop");
    expect(ofType(events, "tool_call")).toEqual([]);
    expect(ofType(events, "text").map((t) => t.delta).join("")).toMatch(/Nothing was built: no records or fields were recognised in "make it pop"/);
    expect(events.at(-1)?.data).toMatchObject({ reason: "declined", commitSha: null, filesChanged: [] });
    expect(await getHeadSha(scope)).toBe(base);
  });

  it("undoes a run by restoring the commit before it, once, after naming what that reverts", async () => {
    const { owner, params, scope } = await setup("Undo");
    const before = (await readFile(scope, "app.json")).content;
    const { events } = await run(owner, params, "a list of books with title, author and a rating from 1 to 5");
    const runId = events[0]?.data.id;
    const runCommit = events.at(-1)?.data.commitSha;
    expect((await readFile(scope, "app.json")).content).not.toBe(before);
    await runFunction(scope, "books", { method: "POST", path: "/", query: {}, headers: {}, body: { title: "Dune" } }, "api", log);
    const plan = await call(undoPlanRoute, { token: owner.token, params: { ...params, runId } });
    expect(plan.status).toBe(200);
    expect(plan.body).toMatchObject({ runId, head: runCommit, ownCommits: [{ sha: runCommit, runId }], laterRuns: [], laterEdits: [] });
    expect(plan.body.files).toEqual(expect.arrayContaining(["app.json", "functions/books.ts", "db/migrations/0001_create_books.sql"]));
    expect(plan.body.database).toEqual({ restored: true, tables: [{ name: "books", rowsNow: 1, rowsInSnapshot: 0 }] });
    const missing = await call(undoRoute, { method: "POST", token: owner.token, params: { ...params, runId }, body: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.error.field).toBe("expectedHead");
    const undone = await call(undoRoute, { method: "POST", token: owner.token, params: { ...params, runId }, body: { expectedHead: plan.body.head } });
    expect(undone.status).toBe(200);
    expect(undone.body.run.undoneAt).toBeTruthy();
    expect(undone.body.databaseRestored).toBe(true);
    expect((await getTenantSchema(scope, "dev")).tables.map((t) => t.name)).not.toContain("books");
    expect((await readFile(scope, "app.json")).content).toBe(before);
    await expect(readFile(scope, "functions/books.ts")).rejects.toMatchObject({ code: "not_found" });
    expect((await listHistory(scope, { limit: 1 })).commits[0]?.message).toMatch(/^Undo: a list of books/);
    const again = await call(undoRoute, { method: "POST", token: owner.token, params: { ...params, runId }, body: { expectedHead: plan.body.head } });
    expect(again.status).toBe(409);
    expect(again.body.error.field).toBe("runId");

    // The same request again builds the same app from a clean slate: migration 0001 again, not a clash.
    const rerun = await run(owner, params, "a list of books with title, author and a rating from 1 to 5");
    expect(ofType(rerun.events, "tool_result").every((r) => r.ok)).toBe(true);
    expect(rerun.events.at(-1)?.data.filesChanged).toContain("db/migrations/0001_create_books.sql");
  });

  it("names later runs and people's later edits before undoing, and refuses once the project moved on", async () => {
    const { owner, params, scope } = await setup("Later");
    const first = await run(owner, params, "a list of books with title and author");
    const runId = first.events[0]?.data.id;
    const second = await run(owner, params, "also track authors with a name and a bio");
    const edit = await putFile(owner, params.projectId, "notes.md", "a person's note", { message: "My notes" });
    const plan = (await call(undoPlanRoute, { token: owner.token, params: { ...params, runId } })).body;
    expect(plan.laterRuns).toEqual([expect.objectContaining({ sha: second.events.at(-1)?.data.commitSha, runId: second.events[0]?.data.id })]);
    expect(plan.laterEdits).toEqual([expect.objectContaining({ sha: edit.body.commit.sha, message: "My notes", authorName: "Later" })]);
    expect(plan.files).toContain("notes.md");
    const another = await putFile(owner, params.projectId, "notes.md", "written after the review");
    const stale = await call(undoRoute, { method: "POST", token: owner.token, params: { ...params, runId }, body: { expectedHead: plan.head } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.field).toBe("expectedHead");
    expect(await getHeadSha(scope)).toBe(another.body.commit.sha);
    expect((await readFile(scope, "notes.md")).content).toBe("written after the review");
  });

  it("refuses bad input, viewers and unknown runs with clear errors", async () => {
    const { owner, params } = await setup("Guard");
    const empty = await run(owner, params, "   ");
    expect(empty.status).toBe(400);
    expect(empty.body.error.field).toBe("prompt");
    const long = await run(owner, params, "x".repeat(4001));
    expect(long.status).toBe(400);
    const viewer = await signUpUser("Viewer");
    await call(inviteRoute, { method: "POST", token: owner.token, params, body: { email: viewer.email, role: "viewer" } });
    expect((await run(viewer, params, TODO_REQUEST)).status).toBe(403);
    expect((await call(listRoute, { params, token: viewer.token })).status).toBe(200);
    const unknown = await call(undoPlanRoute, { token: owner.token, params: { ...params, runId: "00000000-0000-4000-8000-000000000000" } });
    expect(unknown.status).toBe(404);
    const badCursor = await call(listRoute, { params, token: owner.token, path: "/api/x?cursor=nope" });
    expect(badCursor.status).toBe(400);
  });

  it("pages the history by cursor, newest first", async () => {
    const { owner, params } = await setup("Pages");
    for (const prompt of ["hello", "what can you do?", "thanks"]) await run(owner, params, prompt);
    const first = await call(listRoute, { params, token: owner.token, path: "/api/x?limit=2" });
    expect(first.body.runs.map((r: { prompt: string }) => r.prompt)).toEqual(["thanks", "what can you do?"]);
    const second = await call(listRoute, { params, token: owner.token, path: `/api/x?limit=2&cursor=${first.body.nextCursor}` });
    expect(second.body.runs.map((r: { prompt: string }) => r.prompt)).toEqual(["hello"]);
    expect(second.body.nextCursor).toBeNull();
  });

  it("limits runs per user per minute with 429 and Retry-After", async () => {
    const { owner, params } = await setup("Limit");
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await run(owner, params, `hello ${i}`)).status);
    expect(statuses.slice(0, 6)).toEqual([200, 200, 200, 200, 200, 200]);
    const limited = await run(owner, params, "one more");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(limited.body.error.code).toBe("rate_limited");
  });

  it("keeps what the preview reports for the agent's read_preview_errors", async () => {
    const { owner, params } = await setup("Preview");
    const ok = await call(previewErrorRoute, { method: "POST", token: owner.token, params, body: { message: "Chart crashed", component: "SalesChart" } });
    expect(ok.status).toBe(204);
    expect(listPreviewErrors(params.projectId)).toEqual([expect.objectContaining({ message: "Chart crashed", component: "SalesChart" })]);
    const empty = await call(previewErrorRoute, { method: "POST", token: owner.token, params, body: { message: "" } });
    expect(empty.status).toBe(400);
    expect(empty.body.error.field).toBe("message");
  });
});
