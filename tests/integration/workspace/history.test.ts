import { describe, expect, it } from "vitest";
import { GET as history } from "@/app/api/projects/[projectId]/history/route";
import { GET as diff } from "@/app/api/projects/[projectId]/history/[sha]/route";
import { POST as restore } from "@/app/api/projects/[projectId]/history/[sha]/restore/route";
import { POST as invite } from "@/app/api/projects/[projectId]/members/route";
import { call } from "@/tests/support/http";
import { createTestProject, signUpUser } from "@/tests/support/accounts";
import { getFile, putFile } from "@/tests/support/workspace";

describe("workspace history", () => {
  it("lists every change newest first with its author and date, a page at a time", async () => {
    const owner = await signUpUser("Historian");
    const editor = await signUpUser("Contributor");
    const { id } = await createTestProject(owner, "Chronicle");
    await call(invite, { method: "POST", token: owner.token, params: { projectId: id }, body: { email: editor.email, role: "editor" } });
    await putFile(owner, id, "notes.md", "one", { message: "First note" });
    await putFile(editor, id, "notes.md", "two", { message: "Second note" });

    const page1 = await call(history, { token: owner.token, params: { projectId: id }, path: "/api/x?limit=2" });
    expect(page1.body.commits.map((c: { message: string }) => c.message)).toEqual(["Second note", "First note"]);
    expect(page1.body.commits[0]).toMatchObject({ authorName: "Contributor", authorEmail: editor.email, sha: expect.stringMatching(/^[0-9a-f]{40}$/) });
    expect(Date.parse(page1.body.commits[0].date)).toBeGreaterThan(Date.now() - 60_000);
    const page2 = await call(history, { token: owner.token, params: { projectId: id }, path: `/api/x?limit=2&cursor=${page1.body.nextCursor}` });
    expect(page2.body).toEqual({ commits: [expect.objectContaining({ message: "Create Chronicle", authorEmail: owner.email })], nextCursor: null });
  });

  it("commits for an author whose name and message look like git options, keeping both as text", async () => {
    const owner = await signUpUser("-calias.x=!sh --upload-pack=x");
    const { id } = await createTestProject(owner, "Options");
    const put = await putFile(owner, id, "notes.md", "one", { message: "--template=/tmp -c core.pager=x" });
    expect(put.status).toBe(200);
    const log = await call(history, { token: owner.token, params: { projectId: id }, path: "/api/x?limit=1" });
    expect(log.body.commits[0]).toMatchObject({ authorName: "-calias.x=!sh --upload-pack=x", message: "--template=/tmp -c core.pager=x" });
  });

  it("shows what a commit changed, with line counts and the patch", async () => {
    const owner = await signUpUser("Differ");
    const { id } = await createTestProject(owner);
    await putFile(owner, id, "notes.md", "alpha\nbeta\n");
    const change = await putFile(owner, id, "notes.md", "alpha\ngamma\n", { message: "Beta to gamma" });
    const res = await call(diff, { token: owner.token, params: { projectId: id, sha: change.body.commit.sha.slice(0, 10) } });
    expect(res.body).toMatchObject({ message: "Beta to gamma", files: [{ path: "notes.md", status: "modified", additions: 1, deletions: 1 }], patchTruncated: false });
    expect(res.body.patch).toContain("-beta\n+gamma");
  });

  it("restores an old version as a new commit, leaving history intact", async () => {
    const owner = await signUpUser("Restorer");
    const { id } = await createTestProject(owner);
    const v1 = await putFile(owner, id, "notes.md", "version one", { message: "v1" });
    await putFile(owner, id, "notes.md", "version two", { message: "v2" });
    await putFile(owner, id, "extra.md", "added later", { message: "extra" });

    const res = await call(restore, { method: "POST", token: owner.token, params: { projectId: id, sha: v1.body.commit.sha } });
    expect(res.status).toBe(200);
    expect(res.body.commit.message).toBe(`Restore workspace to ${v1.body.commit.sha.slice(0, 12)}`);
    expect((await getFile(owner, id, "notes.md")).body.content).toBe("version one");
    expect((await getFile(owner, id, "extra.md")).status).toBe(404);
    const log = await call(history, { token: owner.token, params: { projectId: id } });
    expect(log.body.commits.map((c: { message: string }) => c.message).slice(0, 4)).toEqual([res.body.commit.message, "extra", "v2", "v1"]);
  });

  it("answers 400 for a malformed commit id, 404 for an unknown one, and 404 across tenants", async () => {
    const owner = await signUpUser("Shas");
    const stranger = await signUpUser("Stranger");
    const { id } = await createTestProject(owner);
    const own = await putFile(owner, id, "a.md", "a");
    const theirProject = await createTestProject(stranger);
    expect((await call(diff, { token: owner.token, params: { projectId: id, sha: "HEAD~1" } })).status).toBe(400);
    expect((await call(diff, { token: owner.token, params: { projectId: id, sha: "0".repeat(40) } })).status).toBe(404);
    expect((await call(diff, { token: stranger.token, params: { projectId: id, sha: own.body.commit.sha } })).status).toBe(404);
    const cross = await call(restore, { method: "POST", token: stranger.token, params: { projectId: theirProject.id, sha: own.body.commit.sha } });
    expect(cross.status).toBe(404);
  });

  it("refuses a restore by a viewer", async () => {
    const owner = await signUpUser("Keeper");
    const viewer = await signUpUser("Looker");
    const { id } = await createTestProject(owner);
    await call(invite, { method: "POST", token: owner.token, params: { projectId: id }, body: { email: viewer.email, role: "viewer" } });
    const first = (await call(history, { token: viewer.token, params: { projectId: id } })).body.commits[0];
    expect((await call(restore, { method: "POST", token: viewer.token, params: { projectId: id, sha: first.sha } })).status).toBe(403);
  });
});
