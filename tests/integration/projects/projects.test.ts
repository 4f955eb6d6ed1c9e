import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GET as listProjects, POST as createProject } from "@/app/api/projects/route";
import { DELETE as deleteProject, GET as getProject, PATCH as updateProject } from "@/app/api/projects/[projectId]/route";
import { POST as invite } from "@/app/api/projects/[projectId]/members/route";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { settleCommitWork } from "@/lib/workspace";
import { call } from "@/tests/support/http";
import { createTestProject, signUpUser } from "@/tests/support/accounts";

describe("projects", () => {
  it("are created with the caller as owner, a URL-safe slug, an app URL and three environments", async () => {
    const owner = await signUpUser("Owner");
    const res = await call(createProject, { method: "POST", token: owner.token, body: { name: "Café CRM!" } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: "Café CRM!", slug: "cafe-crm", role: "owner", appUrl: "http://cafe-crm.apps.localhost:3000" });
    const db = await getDb();
    const envs = await db.environment.findMany({ where: { projectId: res.body.id }, orderBy: { name: "asc" } });
    expect(envs.map((e) => e.name)).toEqual(["dev", "staging", "prod"]);
    const audit = await db.auditEvent.findMany({ where: { projectId: res.body.id } });
    expect(audit.map((a) => a.action)).toContain("project.created");
  });

  it("get a unique slug when the derived one is taken, and a chosen taken slug is a conflict", async () => {
    const owner = await signUpUser("Sluggy");
    const a = await call(createProject, { method: "POST", token: owner.token, body: { name: "Twin" } });
    const b = await call(createProject, { method: "POST", token: owner.token, body: { name: "Twin" } });
    expect(a.body.slug).toBe("twin");
    expect(b.body.slug).toMatch(/^twin-[0-9a-z]{4}$/);
    const chosen = await call(createProject, { method: "POST", token: owner.token, body: { name: "Other", slug: "twin" } });
    expect(chosen.status).toBe(409);
    expect(chosen.body.error).toMatchObject({ code: "conflict", field: "slug" });
  });

  it.each([
    [{ name: "" }, "name"],
    [{ name: "x".repeat(81) }, "name"],
    [{ name: "Ok", slug: "Bad Slug" }, "slug"],
    [{ name: "Ok", slug: "admin" }, "slug"],
    [{ name: "Ok", slug: "a--b" }, "slug"],
    [{ name: "Ok", owner: "someone" }, "owner"],
  ])("refuse bad input %j with 400 naming the field", async (body, field) => {
    const owner = await signUpUser("Bad");
    const res = await call(createProject, { method: "POST", token: owner.token, body });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "bad_request", field });
  });

  it("are listed only to their members", async () => {
    const alice = await signUpUser("Alice");
    const bob = await signUpUser("Bob");
    await createTestProject(alice, "Alice's");
    const bobs = await call(listProjects, { token: bob.token });
    expect(bobs.body).toEqual([]);
    const alices = await call(listProjects, { token: alice.token });
    expect(alices.body.map((p: { name: string }) => p.name)).toEqual(["Alice's"]);
  });

  it("are renamed by editors but not viewers, and deleted only by owners", async () => {
    const owner = await signUpUser("Own");
    const editor = await signUpUser("Edit");
    const viewer = await signUpUser("View");
    const project = await createTestProject(owner);
    const params = { projectId: project.id };
    await call(invite, { method: "POST", token: owner.token, params, body: { email: editor.email, role: "editor" } });
    await call(invite, { method: "POST", token: owner.token, params, body: { email: viewer.email, role: "viewer" } });

    const byViewer = await call(updateProject, { method: "PATCH", token: viewer.token, params, body: { name: "Nope" } });
    expect(byViewer.status).toBe(403);
    expect(byViewer.body.error.code).toBe("forbidden");
    const byEditor = await call(updateProject, { method: "PATCH", token: editor.token, params, body: { name: "Renamed" } });
    expect(byEditor.status).toBe(200);
    expect((await call(getProject, { token: viewer.token, params })).body).toMatchObject({ name: "Renamed", role: "viewer" });

    expect((await call(deleteProject, { method: "DELETE", token: editor.token, params })).status).toBe(403);
    // Right after the rename's commit, whose components still build in the background.
    expect((await call(deleteProject, { method: "DELETE", token: owner.token, params })).status).toBe(204);
    expect((await call(getProject, { token: owner.token, params })).status).toBe(404);
    expect(await (await getDb()).membership.count({ where: { projectId: project.id } })).toBe(0);
    await settleCommitWork(project.id);
    expect(fs.existsSync(path.join(getConfig().dataDir, "workspaces", project.id))).toBe(false);
  });

  it("answer 404, never 403, to a non-member, for reads and writes alike", async () => {
    const owner = await signUpUser("Mine");
    const stranger = await signUpUser("Stranger");
    const project = await createTestProject(owner);
    const params = { projectId: project.id };
    const read = await call(getProject, { token: stranger.token, params });
    const write = await call(updateProject, { method: "PATCH", token: stranger.token, params, body: { name: "x" } });
    const remove = await call(deleteProject, { method: "DELETE", token: stranger.token, params });
    const missing = await call(getProject, { token: stranger.token, params: { projectId: crypto.randomUUID() } });
    for (const res of [read, write, remove, missing]) {
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("not_found");
    }
    expect((await call(getProject, { token: owner.token, params })).body.name).toBe("Test project");
  });

  it("answer 400 naming projectId for a malformed id, and 401 without identity", async () => {
    const owner = await signUpUser("Param");
    const bad = await call(getProject, { token: owner.token, params: { projectId: "../../etc" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe("projectId");
    expect((await call(getProject, { params: { projectId: crypto.randomUUID() } })).status).toBe(401);
  });

  it("change slug on request and refuse a taken one", async () => {
    const owner = await signUpUser("Reslug");
    const a = await createTestProject(owner, "First one");
    const b = await createTestProject(owner, "Second one");
    const ok = await call(updateProject, { method: "PATCH", token: owner.token, params: { projectId: a.id }, body: { slug: "fresh-name" } });
    expect(ok.body).toMatchObject({ slug: "fresh-name", appUrl: "http://fresh-name.apps.localhost:3000" });
    const taken = await call(updateProject, { method: "PATCH", token: owner.token, params: { projectId: b.id }, body: { slug: "fresh-name" } });
    expect(taken.status).toBe(409);
    const empty = await call(updateProject, { method: "PATCH", token: owner.token, params: { projectId: b.id }, body: {} });
    expect(empty.status).toBe(400);
  });
});
