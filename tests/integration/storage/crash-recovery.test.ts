// Start-up after a crash: runs left "running" become interrupted, and the temp files and git locks a
// dead process left are removed, while real files and anything written since the process started stay.
// And while a node runs among others: the runs of a node that died since are swept up the same way.
import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { GET as listRuns } from "@/app/api/projects/[projectId]/agent/runs/route";
import { orphanSweeper } from "@/lib/agent";
import { getConfig } from "@/lib/config";
import { tryLease } from "@/lib/coordination";
import { getDb } from "@/lib/db";
import { startServer } from "@/lib/http";
import { log } from "@/lib/log";
import { PROCESS_STARTED_MS, removeStale } from "@/lib/storage";
import { call } from "@/tests/support/http";
import { createTestProject, signUpUser } from "@/tests/support/accounts";
import { getFile, putFile } from "@/tests/support/workspace";

// Ten minutes: with DATABASE_URL (the PostgreSQL run), a temp file is a crash's only once 5 minutes old.
const BEFORE_START = new Date(PROCESS_STARTED_MS - 10 * 60_000);

/** Writes `file` as if a process that died before this one had written it. */
function leftBehind(file: string, content = "x"): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  fs.utimesSync(file, BEFORE_START, BEFORE_START);
  return file;
}

describe("start-up after a crash", () => {
  it("marks runs left running as failed, interrupted, and keeps a run started since", async () => {
    const owner = await signUpUser("Crashed run");
    const { id: projectId } = await createTestProject(owner);
    const db = await getDb();
    const dead = await db.agentRun.create({ data: { projectId, userId: owner.id, prompt: "Build a todo app", startedAt: BEFORE_START } });
    const live = await db.agentRun.create({ data: { projectId, userId: owner.id, prompt: "Started after the restart" } });
    await startServer();
    expect(await db.agentRun.findUniqueOrThrow({ where: { id: dead.id } })).toMatchObject({
      status: "failed", reason: "interrupted", summary: "The server stopped while this run was going.", finishedAt: expect.any(Date),
    });
    expect((await db.agentRun.findUniqueOrThrow({ where: { id: live.id } })).status).toBe("running");
    const runs = await call(listRuns, { token: owner.token, params: { projectId } });
    expect(runs.body.runs.find((r: { id: string }) => r.id === dead.id)).toMatchObject({ status: "failed", reason: "interrupted" });
  });

  it("sweeps the runs of a node that died while this one runs, once two passes found them undriven", async () => {
    const owner = await signUpUser("Swept run");
    const { id: projectId } = await createTestProject(owner);
    const db = await getDb();
    const minutesAgo = new Date(Date.now() - 5 * 60_000);
    const orphan = await db.agentRun.create({ data: { projectId, userId: owner.id, prompt: "Its node died", startedAt: minutesAgo } });
    const driven = await db.agentRun.create({ data: { projectId, userId: owner.id, prompt: "Another node drives it", startedAt: minutesAgo } });
    const regained = await db.agentRun.create({ data: { projectId, userId: owner.id, prompt: "Its node got its lease back", startedAt: minutesAgo } });
    const fresh = await db.agentRun.create({ data: { projectId, userId: owner.id, prompt: "Just started" } });
    const sweep = orphanSweeper(log);
    // The lease a live node holds for its run (lib/agent/run/active-runs.ts), on whichever coordination backs this suite.
    const lease = await tryLease([`run:${driven.id}`]);
    try {
      expect(await sweep()).toBe(0); // a first pass only suspects
      const back = await tryLease([`run:${regained.id}`]);
      try {
        expect(await sweep()).toBe(1);
      } finally {
        await back?.release();
      }
    } finally {
      await lease?.release();
    }
    const status = async (id: string) => (await db.agentRun.findUniqueOrThrow({ where: { id } })).status;
    expect(await db.agentRun.findUniqueOrThrow({ where: { id: orphan.id } })).toMatchObject({ status: "failed", reason: "interrupted" });
    expect([await status(driven.id), await status(regained.id), await status(fresh.id)]).toEqual(["running", "running", "running"]);
  });

  it("removes temp files and git locks older than the process, and keeps real and fresh files", async () => {
    const owner = await signUpUser("Crashed writes");
    const { id: projectId } = await createTestProject(owner);
    const { dataDir } = getConfig();
    const workspace = path.join(dataDir, "workspaces", projectId);
    const tenant = path.join(dataDir, "tenants", projectId);
    const hash = "a".repeat(64);
    const orphans = [
      leftBehind(path.join(workspace, "tmp", `${randomUUID()}.tmp`)),
      leftBehind(path.join(workspace, "git", "index.lock")),
      leftBehind(path.join(dataDir, "artifacts", "mfe", `${hash}.js.${randomUUID()}.tmp`)),
      leftBehind(path.join(tenant, "dev.sqlite.restore")),
      leftBehind(path.join(tenant, "snapshots", `dev-${randomUUID()}.sqlite.tmp`)),
      leftBehind(path.join(tenant, "checks", `dev-${randomUUID()}.sqlite`)),
      leftBehind(path.join(dataDir, `.myco-probe-${randomUUID()}.tmp`)),
    ];
    const kept = [
      leftBehind(path.join(dataDir, "artifacts", "mfe", `${hash}.js`), "export default 1;"),
      leftBehind(path.join(tenant, "snapshots", "dev-1234.sqlite")),
      // Written after this process started: some write of its own may be about to rename it.
      path.join(workspace, "tmp", `${randomUUID()}.tmp`),
    ];
    fs.writeFileSync(kept[2]!, "in flight");
    expect((await putFile(owner, projectId, "notes.md", "blocked\n")).status).toBe(500); // git refuses: index.lock exists
    await startServer();
    for (const file of orphans) expect(fs.existsSync(file), file).toBe(false);
    for (const file of kept) expect(fs.existsSync(file), file).toBe(true);
    expect(fs.readFileSync(kept[0]!, "utf8")).toBe("export default 1;");
    expect((await putFile(owner, projectId, "notes.md", "saved\n")).status).toBe(200);
    expect((await getFile(owner, projectId, "notes.md")).body).toMatchObject({ content: "saved\n" });
  });

  it("skips a temp file its live writer renamed between the listing and the look, and removes the rest", async () => {
    const dir = path.join(getConfig().dataDir, "artifacts", `renamed-${randomUUID()}`);
    const renamed = leftBehind(path.join(dir, "a.tmp"));
    const stale = leftBehind(path.join(dir, "b.tmp"));
    const isTemp = (name: string) => {
      if (name === "a.tmp") fs.renameSync(renamed, path.join(dir, "a.js")); // the writer finishes after the listing
      return name.endsWith(".tmp");
    };
    expect(await removeStale(dir, isTemp)).toEqual([stale]);
    expect(fs.existsSync(path.join(dir, "a.js"))).toBe(true);
  });
});
