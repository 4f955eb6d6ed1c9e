import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { GET as environmentsRoute } from "@/app/api/projects/[projectId]/environments/route";
import { GET as planRoute, POST as rollbackRoute } from "@/app/api/projects/[projectId]/environments/[env]/rollback/route";
import { PUT as settingsRoute } from "@/app/api/projects/[projectId]/release-settings/route";
import { POST as migrationsRoute } from "@/app/api/projects/[projectId]/db/migrations/route";
import { POST as inviteRoute } from "@/app/api/projects/[projectId]/members/route";
import { shutdownRuntime } from "@/lib/functions";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { log } from "@/lib/log";
import { recoverDeployments } from "@/lib/releases";
import { authorizeApp } from "@/lib/auth";
import { listAppliedMigrations, snapshotTenantDb } from "@/lib/tenant-db";
import { call } from "@/tests/support/http";
import { signUpUser } from "@/tests/support/accounts";
import { putFile } from "@/tests/support/workspace";
import { bootOf, cut, deploy, notes, notesApp, page, type NotesApp } from "./support";

afterAll(() => shutdownRuntime());

const migrate = (app: NotesApp, name: string, sql: string) => call(migrationsRoute, { method: "POST", token: app.owner.token, params: app.params, body: { name, sql } });
const rollback = (app: NotesApp, env: string, body: Record<string, unknown>) => call(rollbackRoute, { method: "POST", token: app.owner.token, params: { ...app.params, env }, body });
const renameApp = async (app: NotesApp, name: string) => {
  const blueprint = JSON.parse((await call((await import("@/app/api/projects/[projectId]/files/[...path]/route")).GET, { token: app.owner.token, params: { ...app.params, path: ["app.json"] } })).body.content);
  await putFile(app.owner, app.project.id, "app.json", JSON.stringify({ ...blueprint, name }, null, 2));
};

/** An app whose 1.0.0 runs on prod, with 1.1.0 cut after a schema change `name`/`sql`. */
async function onV1WithV2(appName: string, name: string, sql: string) {
  const app = await notesApp(appName);
  const v1 = await cut(app);
  await deploy(app, v1.body.id, "prod");
  await migrate(app, name, sql);
  return { app, v2: await cut(app) };
}

/** prod still serves 1.0.0, on a database with 1.0.0's migrations only. */
async function expectProdOnV1(app: NotesApp) {
  const prod = (await call(environmentsRoute, { token: app.owner.token, params: app.params })).body[2];
  expect(prod.current.release.version).toBe("1.0.0");
  const scope = await authorizeApp(app.project.slug, "prod");
  expect((await listAppliedMigrations(scope, "prod")).map((m) => m.name)).toEqual(["0001_notes"]);
  return prod;
}

describe("environments and deploys", () => {
  it("staging serves its release byte for byte on its own database while dev follows the workspace", async () => {
    const app = await notesApp("Staged");
    expect((await page(app, "staging")).status).toBe(404);
    await renameApp(app, "Version one");
    const v1 = await cut(app);
    const deployed = await deploy(app, v1.body.id, "staging");
    expect(deployed.status).toBe(201);
    expect(deployed.body).toMatchObject({ env: "staging", status: "live", release: { version: "1.0.0" }, migrationsApplied: ["0001_notes"] });
    await renameApp(app, "Version two");
    const staging = bootOf((await page(app, "staging")).html);
    const dev = bootOf((await page(app, "dev")).html);
    expect(staging).toMatchObject({ env: "staging", blueprint: { name: "Version one" } });
    expect(dev.blueprint.name).toBe("Version two");
    const welcome = v1.body.artifacts.find((a: { name: string }) => a.name === "Welcome");
    expect(staging.components.Welcome).toBe(`/_myco/a/mfe/${welcome.contentHash}.js`);
    expect((await notes(app, "staging", { body: "on staging" })).status).toBe(201);
    expect((await notes(app, "staging")).body).toEqual([{ id: 1, body: "on staging" }]);
    expect((await notes(app, "dev")).body).toEqual([]);
    expect((await notes(app, "prod")).status).toBe(404);
  });

  it("promotes exactly what staging runs to prod, audited with actor, from and to, and lists each environment", async () => {
    const app = await notesApp("Promoted");
    const v1 = await cut(app);
    await deploy(app, v1.body.id, "staging");
    const envs = async () => (await call(environmentsRoute, { token: app.owner.token, params: app.params })).body;
    const stagingRelease = (await envs()).find((e: { name: string }) => e.name === "staging").current.release.id;
    expect((await deploy(app, stagingRelease, "prod")).status).toBe(201);
    const again = await deploy(app, stagingRelease, "prod");
    expect(again.status).toBe(409);
    const listed = await envs();
    expect(listed.map((e: { name: string; url: string }) => [e.name, e.url])).toEqual([
      ["dev", `http://${app.project.slug}.apps.localhost:3000`],
      ["staging", `http://${app.project.slug}--staging.apps.localhost:3000`],
      ["prod", `http://${app.project.slug}--prod.apps.localhost:3000`],
    ]);
    expect(listed[2].current).toMatchObject({ release: { version: "1.0.0" }, actor: { id: app.owner.id } });
    const audit = await (await getDb()).auditEvent.findMany({ where: { projectId: app.project.id, action: "release.deployed" }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.actorId)).toEqual([app.owner.id, app.owner.id]);
    expect(audit[1]?.data).toMatchObject({ env: "prod", from: null, to: { version: "1.0.0" } });
  });

  it("lets editors deploy only where an owner allows it, and finds another project's release not_found", async () => {
    const app = await notesApp("Guarded");
    const v1 = await cut(app);
    const editor = await signUpUser("Editor");
    await call(inviteRoute, { method: "POST", token: app.owner.token, params: app.params, body: { email: editor.email, role: "editor" } });
    expect((await deploy(app, v1.body.id, "staging", editor.token)).status).toBe(403);
    expect((await call(settingsRoute, { method: "PUT", token: editor.token, params: app.params, body: { editorsCanDeploy: true } })).status).toBe(403);
    expect((await call(settingsRoute, { method: "PUT", token: app.owner.token, params: app.params, body: { editorsCanDeploy: true } })).status).toBe(200);
    expect((await deploy(app, v1.body.id, "staging", editor.token)).status).toBe(201);
    const other = await notesApp("Other tenant");
    const foreign = await deploy(other, v1.body.id, "staging");
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.field).toBe("releaseId");
    const dev = await call((await import("@/app/api/projects/[projectId]/deployments/route")).POST, { method: "POST", token: app.owner.token, params: app.params, body: { releaseId: v1.body.id, env: "dev" } });
    expect(dev.status).toBe(400);
    expect(dev.body.error.field).toBe("env");
  });

  it("keeps the old release serving on its old database when a migration fails at deploy time", async () => {
    const { app, v2 } = await onV1WithV2("Failing", "unique_body", "CREATE UNIQUE INDEX notes_body ON notes (body)");
    for (let i = 0; i < 2; i++) await notes(app, "prod", { body: "twice" });
    const failed = await deploy(app, v2.body.id, "prod");
    expect(failed.status).toBe(422);
    const prod = await expectProdOnV1(app);
    expect(prod.history[0]).toMatchObject({ status: "failed", release: { version: "1.1.0" } });
    expect((await notes(app, "prod")).body).toHaveLength(2);
  });

  it("marks a deploy failed whatever step fails, with a reason that names no server path, and start-up never revives it", async () => {
    const { app, v2 } = await onV1WithV2("Unsnapshotted", "tags", "ALTER TABLE notes ADD COLUMN tag TEXT");
    // The snapshot cannot be written: its folder is a file.
    const snapshots = path.join(getConfig().dataDir, "tenants", app.project.id, "snapshots");
    fs.rmSync(snapshots, { recursive: true, force: true });
    fs.writeFileSync(snapshots, "in the way");
    expect((await deploy(app, v2.body.id, "prod")).status).toBe(500);
    const db = await getDb();
    const failed = await db.deployment.findFirstOrThrow({ where: { projectId: app.project.id, releaseId: v2.body.id } });
    expect(failed.status).toBe("failed");
    expect(failed.error).not.toContain("/");
    expect(await recoverDeployments(log)).toBe(0);
    await expectProdOnV1(app);
  });

  it("start-up fails, and never serves, a deployment left pending behind one that went live after it", async () => {
    const app = await notesApp("Superseded");
    const v1 = await cut(app);
    await migrate(app, "tags", "ALTER TABLE notes ADD COLUMN tag TEXT");
    const v2 = await cut(app);
    const db = await getDb();
    const prodEnv = await db.environment.upsert({ where: { projectId_name: { projectId: app.project.id, name: "prod" } }, create: { projectId: app.project.id, name: "prod" }, update: {} });
    const stale = await db.deployment.create({ data: { projectId: app.project.id, environmentId: prodEnv.id, releaseId: v1.body.id, createdAt: new Date(Date.now() - 60_000) } });
    expect((await deploy(app, v2.body.id, "prod")).status).toBe(201);
    expect(await recoverDeployments(log)).toBe(1);
    expect(await db.deployment.findUniqueOrThrow({ where: { id: stale.id } })).toMatchObject({ status: "failed", error: expect.stringContaining("superseded") });
    const prod = (await call(environmentsRoute, { token: app.owner.token, params: app.params })).body[2];
    expect(prod.current.release.version).toBe("1.1.0");
  });
});

describe("rollback", () => {
  it("goes back over an additive schema with no restore, keeping every row", async () => {
    const app = await notesApp("Additive");
    const v1 = await cut(app);
    const first = await deploy(app, v1.body.id, "prod");
    await notes(app, "prod", { body: "before" });
    await migrate(app, "tags", "ALTER TABLE notes ADD COLUMN tag TEXT");
    const v2 = await cut(app);
    await deploy(app, v2.body.id, "prod");
    await notes(app, "prod", { body: "after" });
    const plan = await call(planRoute, { token: app.owner.token, params: { ...app.params, env: "prod" }, path: `/x?deploymentId=${first.body.id}` });
    expect(plan.body).toMatchObject({ compatible: true, laterMigrations: [{ name: "0002_tags", effect: "additive" }], to: { version: "1.0.0" } });
    const back = await rollback(app, "prod", { deploymentId: first.body.id });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ release: { version: "1.0.0" }, rollbackOf: { id: first.body.id }, restoredData: false });
    expect((await notes(app, "prod")).body.map((n: { body: string }) => n.body)).toEqual(["before", "after"]);
    const audit = await (await getDb()).auditEvent.findFirst({ where: { projectId: app.project.id, action: "release.rolled_back" } });
    expect(audit?.data).toMatchObject({ env: "prod", from: { version: "1.1.0" }, to: { version: "1.0.0" }, restoredData: false });
  });

  it("over a breaking schema, names the rows restoring would lose and does nothing until asked to restore", async () => {
    const app = await notesApp("Breaking");
    const v1 = await cut(app);
    const first = await deploy(app, v1.body.id, "prod");
    await notes(app, "prod", { body: "kept" });
    await migrate(app, "rename", "ALTER TABLE notes RENAME COLUMN body TO text");
    await putFile(app.owner, app.project.id, "functions/notes.ts", `export default async (req: any, ctx: any) => req.method === "POST" ? ctx.db.exec("INSERT INTO notes (text) VALUES (?)", [req.body.body]) : ctx.db.query("SELECT * FROM notes");\n`);
    const v2 = await cut(app);
    await deploy(app, v2.body.id, "prod");
    await notes(app, "prod", { body: "written under 1.1.0" });
    const plan = (await call(planRoute, { token: app.owner.token, params: { ...app.params, env: "prod" }, path: `/x?deploymentId=${first.body.id}` })).body;
    expect(plan).toMatchObject({ compatible: false, laterMigrations: [{ name: "0002_rename", effect: "breaking" }], snapshot: { exists: true }, tables: [{ name: "notes", rowsNow: 2, rowsInSnapshot: 1 }] });
    const asked = await rollback(app, "prod", { deploymentId: first.body.id });
    expect(asked.status).toBe(409);
    expect(asked.body.error).toMatchObject({ field: "restoreData", message: expect.stringContaining("notes: 2 rows now, 1 in the snapshot") });
    expect((await notes(app, "prod")).body).toHaveLength(2);
    const restored = await rollback(app, "prod", { deploymentId: first.body.id, restoreData: true });
    expect(restored.status).toBe(200);
    expect(restored.body.restoredData).toBe(true);
    expect((await notes(app, "prod")).body).toEqual([{ id: 1, body: "kept" }]);
    expect((await listAppliedMigrations(await authorizeApp(app.project.slug, "prod"), "prod")).map((m) => m.name)).toEqual(["0001_notes"]);
  });
});

describe("recovery at start-up", () => {
  it("finishes a deploy a crash cut after its snapshot, and marks a rollback whose restore never ran failed", async () => {
    const app = await notesApp("Recovered");
    const v1 = await cut(app);
    const first = await deploy(app, v1.body.id, "prod");
    await migrate(app, "tags", "ALTER TABLE notes ADD COLUMN tag TEXT");
    const v2 = await cut(app);
    const db = await getDb();
    const prod = await db.environment.findUniqueOrThrow({ where: { projectId_name: { projectId: app.project.id, name: "prod" } } });
    const cutShort = await db.deployment.create({ data: { projectId: app.project.id, environmentId: prod.id, releaseId: v2.body.id, previousId: first.body.id } });
    const scope = await authorizeApp(app.project.slug, "prod");
    await snapshotTenantDb(scope, "prod", cutShort.id);
    const neverRestored = await db.deployment.create({ data: { projectId: app.project.id, environmentId: prod.id, releaseId: v1.body.id, rollbackOfId: first.body.id, restoredData: true, createdAt: new Date(Date.now() + 1000) } });
    expect(await recoverDeployments(log)).toBe(2);
    expect(await db.deployment.findUniqueOrThrow({ where: { id: cutShort.id } })).toMatchObject({ status: "live", migrationsApplied: ["0002_tags"] });
    expect(await db.deployment.findUniqueOrThrow({ where: { id: neverRestored.id } })).toMatchObject({ status: "failed" });
    expect((await db.environment.findUniqueOrThrow({ where: { id: prod.id } })).currentDeploymentId).toBe(cutShort.id);
    expect(bootOf((await page(app, "prod")).html).env).toBe("prod");
  });
});
