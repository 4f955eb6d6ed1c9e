// A function's database calls are cancelled when nobody waits for them any more: the invocation
// ended (returned, timed out or crashed) with calls still in flight, or the visitor of /_fn went away.
// Real runner processes, isolates and lanes; the outcome is checked, never the time it took.
import { afterAll, describe, expect, it } from "vitest";
import { POST as invokeRoute } from "@/app/api/projects/[projectId]/functions/[name]/invoke/route";
import { POST as migrationsRoute } from "@/app/api/projects/[projectId]/db/migrations/route";
import { GET as logsRoute } from "@/app/api/projects/[projectId]/functions/[name]/logs/route";
import { GET as publicFn } from "@/app/apps-host/[slug]/[env]/myco-fn/[name]/[[...path]]/route";
import { shutdownRuntime } from "@/lib/functions";
import { closeTenantDbs } from "@/lib/tenant-db";
import { call } from "@/tests/support/http";
import { createTestProject, signUpUser } from "@/tests/support/accounts";
import { laneOf, untilRunning } from "@/tests/support/lanes";
import { putFile } from "@/tests/support/workspace";

afterAll(async () => {
  closeTenantDbs();
  await shutdownRuntime();
});

// A new account, project, migration and function build: slow on a loaded machine, and not what is measured.
const SETUP_TIMEOUT_MS = 90_000;
const RUNAWAY = "WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM r) SELECT count(*) FROM r";
const LANES_FN = `
type Ctx = { db: { query(sql: string): Promise<unknown>; exec(sql: string): Promise<unknown> } };
export default async function handler(req: { query: Record<string, string> }, ctx: Ctx) {
  if (req.query.mode === "leave") {
    // Neither call is awaited: the invocation ends with both in flight.
    ctx.db.query(${JSON.stringify(RUNAWAY)}).catch(() => undefined);
    ctx.db.exec("INSERT INTO items (label) VALUES ('late')").catch(() => undefined);
    return { left: true };
  }
  if (req.query.mode === "wait") {
    try {
      return await ctx.db.query(${JSON.stringify(RUNAWAY)});
    } catch (err) {
      return { error: (err as Error).message };
    }
  }
  return ctx.db.query("SELECT count(*) AS n FROM items");
}
`;

async function projectWithLanesFn(name: string) {
  const owner = await signUpUser(name);
  const project = await createTestProject(owner, `${name} app`);
  const params = { projectId: project.id };
  await call(migrationsRoute, { method: "POST", token: owner.token, params, body: { name: "items", sql: "CREATE TABLE items (id INTEGER PRIMARY KEY, label TEXT)" } });
  await putFile(owner, project.id, "functions/lanes.ts", LANES_FN);
  const invoke = (query: Record<string, string>) =>
    call(invokeRoute, { method: "POST", token: owner.token, params: { ...params, name: "lanes" }, body: { query } });
  return { owner, project, invoke };
}

describe("a function's database calls", () => {
  it("are cancelled when its invocation ends with them in flight: the queued write never runs", async () => {
    const { project, invoke } = await projectWithLanesFn("Leaver");
    const left = await invoke({ mode: "leave" });
    expect(left.body).toMatchObject({ ok: true, body: { left: true } });
    expect(laneOf({ projectId: project.id })).toMatchObject({ running: false, waiting: 0 });
    expect((await invoke({})).body).toMatchObject({ ok: true, body: [{ n: 0 }] });
  }, SETUP_TIMEOUT_MS);

  it("are cancelled when the visitor of /_fn goes away, and the function sees why", async () => {
    const { owner, project } = await projectWithLanesFn("Visitor");
    const giveUp = new AbortController();
    const params = { slug: project.slug, env: "dev", name: "lanes" };
    const response = call(publicFn, { params, path: "/_fn/lanes?mode=wait", signal: giveUp.signal });
    await untilRunning({ projectId: project.id });
    giveUp.abort();
    expect(await response).toMatchObject({ status: 200, body: { error: "The query was cancelled: its caller gave up." } });
    expect(laneOf({ projectId: project.id })).toMatchObject({ running: false, waiting: 0 });
    // Reading the logs also writes the batched invocation records before the database goes away.
    const logs = await call(logsRoute, { token: owner.token, params: { projectId: project.id, name: "lanes" } });
    expect(logs.body.invocations).toMatchObject([{ trigger: "http", status: "ok", httpStatus: 200 }]);
  }, SETUP_TIMEOUT_MS);
});
