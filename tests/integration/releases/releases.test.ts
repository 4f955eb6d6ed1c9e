import { afterAll, describe, expect, it } from "vitest";
import { GET as listRoute } from "@/app/api/projects/[projectId]/releases/route";
import { GET as detailRoute } from "@/app/api/projects/[projectId]/releases/[releaseId]/route";
import { shutdownRuntime } from "@/lib/functions";
import { getDb } from "@/lib/db";
import { call } from "@/tests/support/http";
import { getFile, putFile } from "@/tests/support/workspace";
import { POST as migrationsRoute } from "@/app/api/projects/[projectId]/db/migrations/route";
import { cut, deploy, notes, notesApp } from "./support";

afterAll(() => shutdownRuntime());

describe("cutting a release", () => {
  it("builds and records every artifact of the HEAD with its hash, suggests 1.0.0, and registers which versions it uses", async () => {
    const app = await notesApp("Cutter");
    const res = await cut(app, { notes: "First one" });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ version: "1.0.0", notes: "First one", diff: { previous: null } });
    const kinds = res.body.artifacts.map((a: { kind: string; name: string }) => `${a.kind}:${a.name}`);
    expect(kinds).toEqual(expect.arrayContaining(["blueprint:app.json", "mfe:Welcome", "function:hello", "function:notes", "migration:0001_notes"]));
    for (const a of res.body.artifacts) expect(a.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const db = await getDb();
    const used = await db.functionVersion.findFirstOrThrow({ where: { projectId: app.project.id, name: "notes" }, include: { releaseArtifacts: { include: { release: true } } } });
    expect(used.releaseArtifacts.map((a) => a.release.version)).toEqual(["1.0.0"]);
    const audit = await db.auditEvent.findFirst({ where: { projectId: app.project.id, action: "release.created" } });
    expect(audit?.data).toMatchObject({ version: "1.0.0" });
  });

  it("suggests a minor step after a schema change, a patch step after a code change, and refuses an older version", async () => {
    const app = await notesApp("Versions");
    expect((await cut(app)).body.version).toBe("1.0.0");
    await putFile(app.owner, app.project.id, "functions/hello.ts", "export default async () => ({ hello: 'again' });\n");
    const patch = await cut(app);
    expect(patch.body).toMatchObject({ version: "1.0.1", diff: { previous: { version: "1.0.0" }, changed: [{ kind: "function", name: "hello" }], added: [] } });
    await call(migrationsRoute, { method: "POST", token: app.owner.token, params: app.params, body: { name: "tags", sql: "ALTER TABLE notes ADD COLUMN tag TEXT" } });
    const minor = await cut(app);
    expect(minor.body).toMatchObject({ version: "1.1.0", diff: { added: [{ kind: "migration", name: "0002_tags" }] } });
    const older = await cut(app, { version: "1.0.5" });
    expect(older.status).toBe(409);
    expect(older.body.error.field).toBe("version");
    const bad = await cut(app, { version: "v2" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe("version");
    const detail = await call(detailRoute, { token: app.owner.token, params: { ...app.params, releaseId: minor.body.id } });
    expect(detail.body.diff.files).toEqual(["db/migrations/0002_tags.sql"]);
    const list = await call(listRoute, { token: app.owner.token, params: app.params });
    expect(list.body.map((r: { version: string }) => r.version)).toEqual(["1.1.0", "1.0.1", "1.0.0"]);
  });

  it("refuses a workspace whose blueprint is invalid, or whose component or function does not build, naming what to fix", async () => {
    const app = await notesApp("Refused");
    const starter = (await getFile(app.owner, app.project.id, "app.json")).body.content as string;
    await putFile(app.owner, app.project.id, "app.json", JSON.stringify({ version: 1, name: "x", routes: "nope" }));
    const invalid = await cut(app);
    expect(invalid.status).toBe(422);
    expect(invalid.body.error.message).toMatch(/app\.json is invalid: routes/);
    await putFile(app.owner, app.project.id, "app.json", "{ not json");
    expect((await cut(app)).body.error.message).toMatch(/app\.json is not valid JSON/);
    await putFile(app.owner, app.project.id, "app.json", starter);
    await putFile(app.owner, app.project.id, "components/Broken.tsx", "export default function Broken() {\n  return <div>;\n}\n");
    const component = await cut(app);
    expect(component.status).toBe(422);
    expect(component.body.error.message).toMatch(/components do not build: components\/Broken\.tsx:3:/);
    await putFile(app.owner, app.project.id, "components/Broken.tsx", "export default function Broken() {\n  return <div />;\n}\n");
    await putFile(app.owner, app.project.id, "functions/bad.ts", "export default async () => { return ; ; }}\n");
    const fn = await cut(app);
    expect(fn.status).toBe(422);
    expect(fn.body.error.message).toMatch(/functions do not build: functions\/bad\.ts:1:/);
    expect(await (await getDb()).release.count({ where: { projectId: app.project.id } })).toBe(0);
  });

  it("refuses migrations that would not apply to a copy of prod's database, and leaves prod as it was", async () => {
    const app = await notesApp("Unique");
    const v1 = await cut(app);
    expect((await deploy(app, v1.body.id, "prod")).status).toBe(201);
    for (let i = 0; i < 2; i++) await notes(app, "prod", { body: "same" });
    const unique = await call(migrationsRoute, { method: "POST", token: app.owner.token, params: app.params, body: { name: "unique_body", sql: "CREATE UNIQUE INDEX notes_body ON notes (body)" } });
    expect(unique.status).toBe(201);
    const refused = await cut(app);
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toMatch(/migrations do not apply to prod: On a copy of the prod database: Migration 0002_unique_body failed/);
    expect((await notes(app, "prod")).body).toHaveLength(2);
  });
});
