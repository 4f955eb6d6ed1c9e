import { afterAll, describe, expect, it } from "vitest";
import { POST as runRoute } from "@/app/api/projects/[projectId]/agent/runs/route";
import { POST as stopRoute } from "@/app/api/projects/[projectId]/agent/runs/[runId]/stop/route";
import { POST as undoRoute } from "@/app/api/projects/[projectId]/agent/runs/[runId]/undo/route";
import { openAiProvider, startAgentRun, type RunStreamEvent } from "@/lib/agent";
import { loadConversation } from "@/lib/agent/run/conversation";
import { authorize, type ProjectScope } from "@/lib/auth";
import { getDb } from "@/lib/db";
import { runFunction, shutdownRuntime } from "@/lib/functions";
import { log } from "@/lib/log";
import { listHistory, readFile, writeFile } from "@/lib/workspace";
import { createTestProject, signUpUser, type TestUser } from "@/tests/support/accounts";
import { useFakeLlm, type FakeLlmServer } from "@/tests/support/fake-llm-server";
import { call } from "@/tests/support/http";
import { putFile } from "@/tests/support/workspace";
import { postStream } from "@/tests/support/sse";

afterAll(() => shutdownRuntime());
const fake = useFakeLlm();

async function setup(name: string): Promise<{ owner: TestUser; scope: ProjectScope }> {
  const owner = await signUpUser(name);
  const project = await createTestProject(owner, `${name} app`);
  const scope = await authorize({ userId: owner.id, email: owner.email, name, isAdmin: false, via: "token" }, project.id, "owner");
  return { owner, scope };
}

const model = (server: FakeLlmServer) => openAiProvider({ name: "scripted", baseURL: server.baseURL, apiKey: "k", model: "scripted-model", timeoutMs: 5_000 });

async function drain(events: AsyncIterable<RunStreamEvent>): Promise<RunStreamEvent[]> {
  const out: RunStreamEvent[] = [];
  for await (const e of events) out.push(e);
  return out;
}

const NOTES_FN = `export default async function handler(req, ctx) {
  if (req.method === "POST") {
    const { lastInsertRowid } = await ctx.db.exec("INSERT INTO notes (body) VALUES (?)", [req.body.body]);
    return { status: 201, body: { id: lastInsertRowid } };
  }
  return ctx.db.query("SELECT id, body FROM notes ORDER BY id");
}
`;
const NOTES_SCHEMA = { name: "notes", operations: [{ op: "create_table", table: "notes", columns: [{ name: "id", type: "integer", primaryKey: true }, { name: "body", type: "text", nullable: false }] }] };
const NOTES_PAGE = {
  version: 1,
  name: "Notes",
  routes: [{ path: "/", page: "home" }],
  pages: { home: { title: "Notes", body: { id: "root", type: "stack", children: [{ id: "notes-table", type: "table", data: { function: "notes" }, columns: [{ key: "body", label: "Note" }] }] } } },
};

describe("agent runs through an OpenAI-compatible model server", () => {
  it("runs the model's tool calls, commits once, and stores messages and usage per provider", async () => {
    const { scope } = await setup("Model");
    const server = await fake(
      {
        toolCalls: [
          { name: "change_db_schema", arguments: JSON.stringify(NOTES_SCHEMA) },
          { name: "write_function", arguments: JSON.stringify({ name: "notes", code: NOTES_FN }) },
        ],
        chunkSize: 7,
        usage: { promptTokens: 900, completionTokens: 120 },
      },
      { toolCalls: [{ name: "update_blueprint", arguments: JSON.stringify({ blueprint: NOTES_PAGE }) }], usage: { promptTokens: 1400, completionTokens: 60 } },
      { text: "Built a notes app: a notes table, a notes function and a page listing them.", usage: { promptTokens: 1600, completionTokens: 20 } },
    );
    const events = await drain(await startAgentRun(scope, { prompt: "a notes app" }, { log, signal: new AbortController().signal, provider: model(server) }));
    const done = events.at(-1);
    expect(done).toMatchObject({ event: "done", data: { reason: "completed", usage: { promptTokens: 3900, completionTokens: 200 } } });
    expect(events.filter((e) => e.event === "tool_result").every((e) => (e.data as { ok: boolean }).ok)).toBe(true);

    const system = (server.requests[0]?.body.messages as { role: string; content: string }[])[0];
    expect(system?.role).toBe("system");
    expect(system?.content).toMatch(/Files:\n[\s\S]*functions\/hello\.ts/);
    expect(system?.content).toContain("Database: no tables yet.");
    const offered = (server.requests[0]?.body.tools as { function: { name: string } }[]).map((t) => t.function.name);
    expect(offered).toEqual(expect.arrayContaining(["read_file", "edit_file", "change_db_schema", "run_query", "invoke_function", "write_component", "update_blueprint", "add_dependency", "read_function_logs", "read_preview_errors"]));

    expect((await listHistory(scope, { limit: 1 })).commits[0]).toMatchObject({ message: "a notes app", sha: (done?.data as { commitSha: string }).commitSha });
    await runFunction(scope, "notes", { method: "POST", path: "/", query: {}, headers: {}, body: { body: "hi" } }, "api", log);
    const rows = await runFunction(scope, "notes", { method: "GET", path: "/", query: {}, headers: {}, body: null }, "api", log);
    expect(rows.result).toMatchObject({ ok: true });
    expect(JSON.stringify(rows.result)).toContain("hi");

    const runId = (events[0]?.data as { id: string }).id;
    const usage = await (await getDb()).aiUsage.findMany({ where: { runId } });
    expect(usage).toEqual([expect.objectContaining({ provider: "scripted", model: "scripted-model", promptTokens: 3900, completionTokens: 200 })]);

    // The next run carries this one's conversation; the manifest now shows the table.
    const next = await fake({ text: "Nothing to change." });
    await drain(await startAgentRun(scope, { prompt: "thanks" }, { log, signal: new AbortController().signal, provider: model(next) }));
    const messages = next.requests[0]?.body.messages as { role: string; content: string | null; tool_calls?: unknown[] }[];
    expect(messages[0]?.content).toMatch(/notes \(1 rows\): id INTEGER PK/);
    expect(messages.map((m) => m.role)).toEqual(["system", "user", "assistant", "tool", "tool", "assistant", "tool", "assistant", "user"]);
    expect(messages[1]?.content).toBe("a notes app");
  });

  it("summarises older runs once the conversation outgrows the budget", async () => {
    const { scope } = await setup("Summary");
    for (const [prompt, text] of [["first request", "a".repeat(4000)], ["second request", "b".repeat(4000)]] as const) {
      const server = await fake({ text });
      await drain(await startAgentRun(scope, { prompt }, { log, signal: new AbortController().signal, provider: model(server) }));
    }
    const roomy = await loadConversation(scope, 10_000);
    expect(roomy.earlier).toBeNull();
    expect(roomy.messages.filter((m) => m.role === "user").map((m) => m.content)).toEqual(["first request", "second request"]);
    const tight = await loadConversation(scope, 1_500);
    expect(tight.messages.filter((m) => m.role === "user").map((m) => m.content)).toEqual(["second request"]);
    expect(tight.earlier).toMatch(/^1\. "first request" → /);
  });

  it("refuses a second run while one is going, and stops a run and its model request", async () => {
    const { owner, scope } = await setup("Stop");
    const server = await fake({ hang: true });
    const controller = new AbortController();
    const stream = await startAgentRun(scope, { prompt: "a diary app" }, { log, signal: controller.signal, provider: model(server) });
    const iterator = stream[Symbol.asyncIterator]();
    const first = await iterator.next();
    const runId = (first.value as RunStreamEvent & { data: { id: string } }).data.id;
    const params = { projectId: scope.projectId };
    const busy = await postStream(runRoute, { params, token: owner.token, body: { prompt: "another" } });
    expect(busy.status).toBe(409);
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 20));
    const undoing = await call(undoRoute, { method: "POST", token: owner.token, params: { ...params, runId }, body: { expectedHead: "0".repeat(40) } });
    expect(undoing.status).toBe(409);
    const save = await putFile(owner, scope.projectId, "notes.md", "typed during the run");
    expect(save.status).toBe(409);
    expect(save.body.error.message).toMatch(/^An agent run is changing this project\. Nothing was saved/);
    const stopped = await call(stopRoute, { method: "POST", token: owner.token, params: { ...params, runId } });
    expect(stopped.body).toEqual({ stopped: true });
    const rest: RunStreamEvent[] = [];
    for (let e = await iterator.next(); !e.done; e = await iterator.next()) rest.push(e.value);
    expect(rest.at(-1)).toMatchObject({ event: "done", data: { reason: "aborted" } });
    const row = await (await getDb()).agentRun.findUniqueOrThrow({ where: { id: runId } });
    expect(row).toMatchObject({ status: "stopped", reason: "aborted" });
    expect((await call(stopRoute, { method: "POST", token: owner.token, params: { ...params, runId } })).body).toEqual({ stopped: false });
  });

  it("applies two edits of one file asked for in one answer, one after the other", async () => {
    const { scope } = await setup("Edits");
    await writeFile(scope, "notes.md", { content: "alpha beta\n", encoding: "utf8", create: true }, log);
    const edit = (search: string, replace: string) => ({ name: "edit_file", arguments: JSON.stringify({ path: "notes.md", search, replace }) });
    const server = await fake(
      { toolCalls: [{ name: "read_file", arguments: JSON.stringify({ path: "notes.md" }) }] },
      { toolCalls: [edit("alpha", "ALPHA"), edit("beta", "BETA")] },
      { text: "Both edited." },
    );
    const events = await drain(await startAgentRun(scope, { prompt: "capitalise both words" }, { log, signal: new AbortController().signal, provider: model(server) }));
    expect(events.filter((e) => e.event === "tool_result").map((e) => (e.data as { ok: boolean }).ok)).toEqual([true, true, true]);
    expect((await readFile(scope, "notes.md")).content).toBe("ALPHA BETA\n");
  });
});
