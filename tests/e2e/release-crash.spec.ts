// kill -9 at every step of a deploy and of a rollback, with real processes: after a restart each
// environment serves the old or the new release, never a mix, on a database whose migrations are that
// release's, and its functions answer. MYCO_CRASH_POINTS makes the server SIGKILL itself at a step.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { startMyco, type MycoProcess } from "./support/spawn-myco";

const PORT = 3130;
test.setTimeout(900_000);

type Answer = { status: number; body: any };

function send(host: string, method: string, url: string, token?: string, body?: unknown): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request({ host: "127.0.0.1", port: PORT, method, path: url, headers: { host, ...(payload && { "content-type": "application/json" }), ...(token && { authorization: `Bearer ${token}` }) } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text.startsWith("{") || text.startsWith("[") ? JSON.parse(text) : text }));
    });
    req.on("error", reject);
    req.end(payload);
  });
}

const IDE = `localhost:${PORT}`;
type World = { token: string; projectId: string; slug: string; v1: string; v2: string; firstDeployment: string };

async function ok(res: Promise<Answer>, what: string): Promise<any> {
  const answer = await res;
  if (answer.status >= 300) throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** An app whose v2 renames a column (a breaking change), with prod on v1 holding two notes. */
async function buildWorld(): Promise<World> {
  const email = `crash-${Date.now()}@example.test`;
  await ok(send(IDE, "POST", "/api/auth/signup", undefined, { email, password: "a long enough password", name: "Crash" }), "sign-up");
  const { token } = await ok(send(IDE, "POST", "/api/tokens", undefined, { name: "t", email, password: "a long enough password" }), "token");
  const project = await ok(send(IDE, "POST", "/api/projects", token, { name: "Crash test" }), "project");
  const p = `/api/projects/${project.id}`;
  await ok(send(IDE, "POST", `${p}/db/migrations`, token, { name: "notes", sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)" }), "migration");
  const fn = (col: string) => `export default async (req: any, ctx: any) => req.method === "POST" ? ctx.db.exec("INSERT INTO notes (${col}) VALUES (?)", [req.body.note]) : ctx.db.query("SELECT ${col} AS note FROM notes ORDER BY id");\n`;
  await ok(send(IDE, "PUT", `${p}/files/functions/notes.ts`, token, { content: fn("body") }), "function");
  const v1 = (await ok(send(IDE, "POST", `${p}/releases`, token, {}), "v1")).id;
  const firstDeployment = (await ok(send(IDE, "POST", `${p}/deployments`, token, { releaseId: v1, env: "prod" }), "deploy v1")).id;
  const prod = `${project.slug}--prod.apps.localhost:${PORT}`;
  for (const note of ["one", "two"]) await ok(send(prod, "POST", "/_fn/notes", undefined, { note }), "note");
  await ok(send(IDE, "POST", `${p}/db/migrations`, token, { name: "rename", sql: "ALTER TABLE notes RENAME COLUMN body TO text" }), "rename");
  await ok(send(IDE, "PUT", `${p}/files/functions/notes.ts`, token, { content: fn("text") }), "function v2");
  const v2 = (await ok(send(IDE, "POST", `${p}/releases`, token, {}), "v2")).id;
  return { token, projectId: project.id, slug: project.slug, v1, v2, firstDeployment };
}

/** Each environment serves one release whole: its migrations exactly, its functions answering, no deployment left pending. */
async function expectConsistent(w: World, allowed: string[]): Promise<string> {
  const p = `/api/projects/${w.projectId}`;
  const envs = await ok(send(IDE, "GET", `${p}/environments`, w.token), "environments");
  const prod = envs.find((e: { name: string }) => e.name === "prod");
  const version = prod.current.release.version as string;
  expect(allowed).toContain(version);
  expect(prod.history.filter((d: { status: string }) => d.status === "pending")).toEqual([]);
  const ledger = (await ok(send(IDE, "GET", `${p}/db/migrations?env=prod`, w.token), "ledger")).map((m: { name: string }) => m.name);
  expect(ledger).toEqual(version === "1.0.0" ? ["0001_notes"] : ["0001_notes", "0002_rename"]);
  const notes = await send(`${w.slug}--prod.apps.localhost:${PORT}`, "GET", "/_fn/notes");
  expect(notes.status).toBe(200);
  expect(notes.body.map((n: { note: string }) => n.note)).toEqual(expect.arrayContaining(["one", "two"]));
  return version;
}

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "myco-crash-"));
  dirs.push(dir);
  return dir;
};
const copyOf = (dir: string) => {
  const to = tempDir();
  fs.cpSync(dir, to, { recursive: true });
  return to;
};
test.afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

async function crashAt(point: string, dir: string, act: () => Promise<unknown>): Promise<void> {
  const doomed = await startMyco(PORT, dir, { MYCO_CRASH_POINTS: point });
  try {
    await act().catch(() => undefined); // the connection dies with the server
    expect((await Promise.race([doomed.exited, new Promise((r) => setTimeout(r, 60_000, { signal: "still running" }))]) as { signal: string }).signal).toBe("SIGKILL");
  } finally {
    await doomed.stop();
  }
}

/** Restarts Myco on `dir` and checks what prod serves; the server is always stopped. */
async function restartAndCheck(dir: string, w: World): Promise<string> {
  const server = await startMyco(PORT, dir);
  try {
    return await expectConsistent(w, ["1.0.0", "1.1.0"]);
  } finally {
    await server.stop();
  }
}

test("a deploy or a rollback killed at any step leaves prod serving the old or the new release, with a matching database", async () => {
  const base = tempDir();
  let server: MycoProcess = await startMyco(PORT, base);
  let w: World;
  try {
    w = await buildWorld();
  } finally {
    await server.stop();
  }
  const onV1 = copyOf(base);
  server = await startMyco(PORT, base);
  try {
    await ok(send(IDE, "POST", `/api/projects/${w.projectId}/deployments`, w.token, { releaseId: w.v2, env: "prod" }), "deploy v2");
  } finally {
    await server.stop();
  }
  const onV2 = copyOf(base);
  const seen: Record<string, string> = {};

  for (const point of ["deploy.pending", "deploy.snapshot", "deploy.migrated", "deploy.live"]) {
    const dir = copyOf(onV1);
    await crashAt(point, dir, () => send(IDE, "POST", `/api/projects/${w.projectId}/deployments`, w.token, { releaseId: w.v2, env: "prod" }));
    seen[point] = await restartAndCheck(dir, w);
  }
  for (const point of ["rollback.pending", "rollback.restored", "rollback.live"]) {
    const dir = copyOf(onV2);
    const body = { deploymentId: w.firstDeployment, restoreData: true };
    await crashAt(point, dir, () => send(IDE, "POST", `/api/projects/${w.projectId}/environments/prod/rollback`, w.token, body));
    seen[point] = await restartAndCheck(dir, w);
  }
  // Cut before the pointer moved, a deploy is finished forward; a rollback whose restore never ran is not.
  expect(seen).toEqual({
    "deploy.pending": "1.1.0", "deploy.snapshot": "1.1.0", "deploy.migrated": "1.1.0", "deploy.live": "1.1.0",
    "rollback.pending": "1.1.0", "rollback.restored": "1.0.0", "rollback.live": "1.0.0",
  });
});
