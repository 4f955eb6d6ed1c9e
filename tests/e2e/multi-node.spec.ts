// Several Myco nodes, one platform, with real processes: two (or three) servers on one PostgreSQL and
// one data folder, behind one IDE origin (each is called with the Host a load balancer would pass on).
// Skipped where no PostgreSQL answers (a fresh machine); CI has one.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { expect, test } from "@playwright/test";
import { startFakeLlmServer, type FakeLlmServer } from "../support/model-server";
import { startMyco, type MycoProcess } from "./support/spawn-myco";

const [A, B, C] = [3140, 3141, 3142];
const IDE = `localhost:${A}`;
const ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
const PASSWORD = "a long enough password";

test.describe.configure({ mode: "serial" });
test.setTimeout(300_000);

type Answer = { status: number; body: any };

function send(port: number, host: string, method: string, url: string, token?: string, body?: unknown): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers = { host, ...(payload && { "content-type": "application/json" }), ...(token && { authorization: `Bearer ${token}` }) };
    const req = http.request({ host: "127.0.0.1", port, method, path: url, headers, agent: false }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: /^[[{]/.test(text) ? JSON.parse(text) : text }));
    });
    req.on("error", reject);
    req.end(payload);
  });
}

/** An event stream opened on `port`; `until` resolves with the first event `match` accepts. */
function openStream(port: number, url: string, token: string, method = "GET", body?: unknown) {
  const events: { event: string; data: any }[] = [];
  const waiters: { match: (e: { event: string; data: any }) => boolean; resolve: (e: { event: string; data: any }) => void }[] = [];
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers = { host: IDE, accept: "text/event-stream", authorization: `Bearer ${token}`, ...(payload && { "content-type": "application/json" }) };
  const req = http.request({ host: "127.0.0.1", port, method, path: url, headers, agent: false }, (res) => {
    let buffer = "";
    res.setEncoding("utf8");
    res.on("data", (chunk: string) => {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1] ?? "message";
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (data === undefined) continue;
        const parsed = { event, data: JSON.parse(data) };
        events.push(parsed);
        for (const w of waiters.filter((w) => w.match(parsed))) w.resolve(parsed);
      }
    });
  });
  req.on("error", () => undefined);
  req.end(payload);
  return {
    events,
    until: (match: (e: { event: string; data: any }) => boolean) =>
      new Promise<{ event: string; data: any }>((resolve) => {
        const found = events.find(match);
        if (found) resolve(found);
        else waiters.push({ match, resolve });
      }),
    close: () => req.destroy(),
  };
}

async function ok(answer: Promise<Answer>, what: string): Promise<any> {
  const a = await answer;
  if (a.status >= 300) throw new Error(`${what}: ${a.status} ${JSON.stringify(a.body)}`);
  return a.body;
}

const git = (dir: string, ...args: string[]) => execFileSync("git", ["--git-dir", dir, ...args], { encoding: "utf8" });

async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2_000 });
  return client.connect().then(
    () => client.end().then(() => true),
    () => false,
  );
}

const database = `myco_nodes_${randomBytes(5).toString("hex")}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "myco-nodes-"));
const nodes: MycoProcess[] = [];
let model: FakeLlmServer;
let token = "";

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

/** A node of the shared deployment: same database, data folder, secrets and IDE origin. */
function node(port: number, env: Record<string, string> = {}): Promise<MycoProcess> {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  return startMyco(port, dataDir, {
    DATABASE_URL: url.toString(),
    AUTH_SECRET: "multi-node-test-auth-secret-0123456789abcdef",
    MYCO_SECRETS_KEY: Buffer.alloc(32, 7).toString("base64"),
    MYCO_URL: `http://${IDE}`,
    MYCO_APPS_URL: `http://{slug}.apps.localhost:${A}`,
    AI_BASE_URL: model.baseURL,
    AI_MODEL: "scripted-model",
    AI_API_KEY: "e2e",
    AI_ALLOW_PRIVATE_HOSTS: "127.0.0.1",
    MYCO_RATE_LIMITS: JSON.stringify({ signUps: { limit: 500 }, tokens: { limit: 500 }, appCallsPerClient: { limit: 1000 } }),
    ...env,
  });
}

async function newProject(name: string): Promise<{ id: string; slug: string; gitDir: string }> {
  const project = await ok(send(A, IDE, "POST", "/api/projects", token, { name }), "project");
  return { ...project, gitDir: path.join(dataDir, "workspaces", project.id, "git") };
}

const put = (port: number, projectId: string, file: string, content: string) =>
  send(port, IDE, "PUT", `/api/projects/${projectId}/files/${file}`, token, { content });

/** Every commit of the repository has at most one parent, and git finds nothing wrong in it. */
function expectSoundHistory(gitDir: string): string[] {
  const log = git(gitDir, "log", "--format=%H %P", "main").trim().split("\n");
  for (const line of log) expect(line.split(" ").length, line).toBeLessThanOrEqual(2);
  git(gitDir, "fsck", "--full", "--strict", "--no-dangling");
  return log;
}

test.beforeAll(async () => {
  test.skip(!(await postgresAnswers()), `no PostgreSQL at ${ADMIN_URL}`);
  model = await startFakeLlmServer();
  await admin(`CREATE DATABASE "${database}"`);
  nodes.push(await node(A), await node(B));
  const email = `nodes-${Date.now()}@example.test`;
  await ok(send(A, IDE, "POST", "/api/auth/signup", undefined, { email, password: PASSWORD, name: "Nodes" }), "sign-up");
  token = (await ok(send(B, IDE, "POST", "/api/tokens", undefined, { name: "t", email, password: PASSWORD }), "token")).token;
});

test.afterAll(async () => {
  await Promise.all(nodes.map((n) => n.stop()));
  await model?.close();
  if (await postgresAnswers()) await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test("200 concurrent writes to one project, half through each node: every acknowledged write is there, history linear, fsck clean", async () => {
  const project = await newProject("Two writers");
  const writes = Array.from({ length: 200 }, (_, i) => ({ port: i % 2 ? B : A, file: `notes/n-${i}.md`, content: `note ${i}\n` }));
  const answers = await Promise.all(writes.map((w) => put(w.port, project.id, w.file, w.content)));
  expect(answers.filter((a) => a.status !== 200).map((a) => `${a.status} ${JSON.stringify(a.body)}`)).toEqual([]);
  const log = expectSoundHistory(project.gitDir);
  expect(log).toHaveLength(201); // the seed commit and one per write
  const files = await ok(send(B, IDE, "GET", `/api/projects/${project.id}/files`, token), "files");
  const paths = new Set(files.map((f: { path: string }) => f.path));
  for (const w of writes) expect(paths.has(w.file), w.file).toBe(true);
  for (const w of writes.filter((_, i) => i % 40 === 0)) {
    expect((await ok(send(A, IDE, "GET", `/api/projects/${project.id}/files/${w.file}`, token), w.file)).content).toBe(w.content);
  }
  // Each node's HEAD (remembered per node) is the last commit, whichever node made it.
  const streams = [A, B].map((port) => openStream(port, `/api/projects/${project.id}/head`, token));
  const heads = await Promise.all(streams.map((s) => s.until((e) => e.event === "head")));
  streams.forEach((s) => s.close());
  expect(heads.map((h) => h.data.sha)).toEqual([log[0]!.split(" ")[0], log[0]!.split(" ")[0]]);
});

test("live logs followed on one node show the calls another node serves", async () => {
  const project = await newProject("Logs");
  await ok(put(A, project.id, "functions/hello.ts", 'export default async () => { console.log("served"); return { hi: true }; };\n'), "function");
  const stream = openStream(A, `/api/projects/${project.id}/functions/hello/logs`, token);
  try {
    await new Promise((r) => setTimeout(r, 300));
    const app = `${project.slug}.apps.localhost:${A}`;
    const calls = await Promise.all([1, 2, 3].map(() => send(B, app, "GET", "/_fn/hello")));
    expect(calls.map((c) => c.status)).toEqual([200, 200, 200]);
    await expect.poll(() => stream.events.filter((e) => e.event === "invocation").length, { timeout: 10_000 }).toBe(3);
    expect(stream.events[0]?.data).toMatchObject({ functionName: "hello", status: "ok" });
  } finally {
    stream.close();
  }
});

test("a commit made through one node reaches the preview stream open on the other", async () => {
  const project = await newProject("Preview across nodes");
  const stream = openStream(B, `/api/projects/${project.id}/head`, token);
  try {
    await stream.until((e) => e.event === "head");
    const commit = await ok(put(A, project.id, "notes.md", "from A\n"), "write");
    const heard = await stream.until((e) => e.event === "commit");
    expect(heard.data.sha).toBe(commit.commit.sha);
  } finally {
    stream.close();
  }
});

test("a secret changed through one node is what the next call on the other node reads", async () => {
  const project = await newProject("Secrets across nodes");
  await ok(put(A, project.id, "functions/greet.ts", "export default async (_req: any, ctx: any) => ({ greeting: ctx.env.GREETING ?? null });\n"), "function");
  const app = `${project.slug}.apps.localhost:${A}`;
  const setSecret = (value: string) => ok(send(A, IDE, "PUT", `/api/projects/${project.id}/secrets/GREETING`, token, { value }), "secret");
  await setSecret("hello");
  expect((await send(B, app, "GET", "/_fn/greet")).body).toEqual({ greeting: "hello" }); // B now holds it (5 s cache)
  await setSecret("bonjour");
  await expect.poll(async () => (await send(B, app, "GET", "/_fn/greet")).body, { timeout: 2_000 }).toEqual({ greeting: "bonjour" });
});

test("an agent run on node A holds the project on node B: edits refused, the run watched live and stopped from B", async () => {
  const project = await newProject("Run across nodes");
  // Longer than one message between nodes, with characters of several bytes and JSON escapes.
  const said = `Looking at the blueprint before adding the page. ${'Plan: "é" 😀 \\ \n'.repeat(400)}Done looking.`;
  model.enqueue({ text: said, chunkSize: 40, toolCalls: [{ name: "read_blueprint", arguments: "{}" }] }, { hang: true });
  const run = openStream(A, `/api/projects/${project.id}/agent/runs`, token, "POST", { prompt: "Add a notes page" });
  let watch: ReturnType<typeof openStream> | undefined;
  try {
    const started = await run.until((e) => e.event === "run");
    await run.until((e) => e.event === "tool_result");
    // B never drove the run: what it streamed so far comes from A, then B follows it live.
    watch = openStream(B, `/api/projects/${project.id}/agent/runs/${started.data.id}/events`, token);
    expect((await watch.until((e) => e.event === "tool_result")).data).toMatchObject({ ok: true });
    expect(watch.events[0]).toMatchObject({ event: "run", data: { id: started.data.id, prompt: "Add a notes page" } });
    expect(watch.events.filter((e) => e.event === "text").map((e) => e.data.delta).join("")).toBe(said);
    const refused = await put(B, project.id, "person.md", "mine\n");
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain("An agent run is changing this project.");
    const second = await send(B, IDE, "POST", `/api/projects/${project.id}/agent/runs`, token, { prompt: "Another" });
    expect(second.status).toBe(409);
    const runs = await ok(send(B, IDE, "GET", `/api/projects/${project.id}/agent/runs`, token), "runs");
    expect(runs.runs[0]).toMatchObject({ id: started.data.id, status: "running" });
    await ok(send(B, IDE, "POST", `/api/projects/${project.id}/agent/runs/${started.data.id}/stop`, token, {}), "stop");
    const done = await run.until((e) => e.event === "done" || e.event === "error");
    expect(done.data).toMatchObject({ reason: "aborted" });
    expect((await watch.until((e) => e.event === "done")).data).toMatchObject({ reason: "aborted", summary: done.data.summary });
    await expect.poll(async () => (await put(B, project.id, "person.md", "mine\n")).status, { timeout: 10_000 }).toBe(200);
  } finally {
    run.close();
    watch?.close();
  }
});

test("a node killed -9 in the middle of a write: the other node carries on, the cut write is nowhere, history sound", async () => {
  const project = await newProject("Crash mid-write");
  const doomed = await node(C, { MYCO_CRASH_POINTS: "workspace.written" });
  nodes.push(doomed);
  const cut = await put(C, project.id, "cut.md", "never acknowledged\n").catch((err: Error) => ({ status: 0, body: err.message }));
  expect(cut.status).toBe(0); // the socket died with the node
  expect(await doomed.exited).toMatchObject({ signal: "SIGKILL" });
  expect(fs.existsSync(path.join(project.gitDir, "myco-writing"))).toBe(true); // it died holding the workspace
  const after = await Promise.all(Array.from({ length: 10 }, (_, i) => put(i % 2 ? A : B, project.id, `after-${i}.md`, `${i}\n`)));
  expect(after.map((a) => a.status)).toEqual(Array(10).fill(200));
  const files = await ok(send(A, IDE, "GET", `/api/projects/${project.id}/files`, token), "files");
  const paths = files.map((f: { path: string }) => f.path);
  expect(paths).not.toContain("cut.md");
  expect(paths).toEqual(expect.arrayContaining(Array.from({ length: 10 }, (_, i) => `after-${i}.md`)));
  expect(fs.existsSync(path.join(dataDir, "workspaces", project.id, "tree", "cut.md"))).toBe(false);
  expect(git(project.gitDir, "log", "--all", "--format=%s", "--", "cut.md")).toBe("");
  expect(expectSoundHistory(project.gitDir)).toHaveLength(11);
});
