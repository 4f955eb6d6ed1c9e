import { describe, expect, it } from "vitest";
import { POST as signUp } from "@/app/api/auth/signup/route";
import { GET as listProjects } from "@/app/api/projects/route";
import { GET as listMembers, POST as invite } from "@/app/api/projects/[projectId]/members/route";
import { DELETE as removeMember, PATCH as changeRole } from "@/app/api/projects/[projectId]/members/[userId]/route";
import { DELETE as withdraw } from "@/app/api/projects/[projectId]/invitations/[invitationId]/route";
import { call } from "@/tests/support/http";
import { TEST_PASSWORD, createTestProject, signUpUser } from "@/tests/support/accounts";

describe("members", () => {
  it("an existing user invited by email becomes a member at once", async () => {
    const owner = await signUpUser("Owner");
    const colleague = await signUpUser("Colleague");
    const project = await createTestProject(owner);
    const res = await call(invite, { method: "POST", token: owner.token, params: { projectId: project.id }, body: { email: colleague.email.toUpperCase(), role: "editor" } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ userId: colleague.id, role: "editor", status: "active" });
    const theirs = await call(listProjects, { token: colleague.token });
    expect(theirs.body).toEqual([expect.objectContaining({ id: project.id, role: "editor" })]);
  });

  it("an invited email with no account joins with its role when it signs up", async () => {
    const owner = await signUpUser("Inviter");
    const project = await createTestProject(owner);
    const params = { projectId: project.id };
    const email = `newcomer-${crypto.randomUUID().slice(0, 8)}@example.test`;
    const res = await call(invite, { method: "POST", token: owner.token, params, body: { email, role: "viewer" } });
    expect(res.body).toMatchObject({ status: "invited", userId: null });
    const again = await call(invite, { method: "POST", token: owner.token, params, body: { email, role: "editor" } });
    expect(again.status).toBe(409);
    expect(again.body.error.field).toBe("email");

    const joined = await call(signUp, { method: "POST", body: { email, password: TEST_PASSWORD, name: "Newcomer" } });
    const members = await call(listMembers, { token: owner.token, params });
    expect(members.body).toEqual([
      expect.objectContaining({ email: owner.email, role: "owner", status: "active" }),
      expect.objectContaining({ userId: joined.body.id, role: "viewer", status: "active" }),
    ]);
  });

  it("only owners invite, change roles and remove others; anyone may leave", async () => {
    const owner = await signUpUser("Boss");
    const editor = await signUpUser("Ed");
    const viewer = await signUpUser("Vi");
    const project = await createTestProject(owner);
    const params = { projectId: project.id };
    await call(invite, { method: "POST", token: owner.token, params, body: { email: editor.email, role: "editor" } });
    await call(invite, { method: "POST", token: owner.token, params, body: { email: viewer.email, role: "viewer" } });

    const byEditor = await call(invite, { method: "POST", token: editor.token, params, body: { email: "x@example.test", role: "viewer" } });
    expect(byEditor.status).toBe(403);
    const promote = await call(changeRole, { method: "PATCH", token: editor.token, params: { ...params, userId: viewer.id }, body: { role: "owner" } });
    expect(promote.status).toBe(403);
    const kick = await call(removeMember, { method: "DELETE", token: viewer.token, params: { ...params, userId: editor.id } });
    expect(kick.status).toBe(403);

    const changed = await call(changeRole, { method: "PATCH", token: owner.token, params: { ...params, userId: viewer.id }, body: { role: "editor" } });
    expect(changed.body).toMatchObject({ role: "editor" });
    const leave = await call(removeMember, { method: "DELETE", token: viewer.token, params: { ...params, userId: viewer.id } });
    expect(leave.status).toBe(204);
    expect((await call(listProjects, { token: viewer.token })).body).toEqual([]);
  });

  it("a project always keeps an owner", async () => {
    const owner = await signUpUser("Sole");
    const other = await signUpUser("Next");
    const project = await createTestProject(owner);
    const params = { projectId: project.id, userId: owner.id };
    const demote = await call(changeRole, { method: "PATCH", token: owner.token, params, body: { role: "viewer" } });
    const leave = await call(removeMember, { method: "DELETE", token: owner.token, params });
    expect([demote.status, leave.status]).toEqual([409, 409]);
    await call(invite, { method: "POST", token: owner.token, params: { projectId: project.id }, body: { email: other.email, role: "owner" } });
    expect((await call(changeRole, { method: "PATCH", token: owner.token, params, body: { role: "viewer" } })).status).toBe(200);
  });

  it("invitations are withdrawn only within their own project", async () => {
    const owner = await signUpUser("Withdrawer");
    const rival = await signUpUser("Rival");
    const project = await createTestProject(owner);
    const rivalProject = await createTestProject(rival);
    const inv = await call(invite, { method: "POST", token: owner.token, params: { projectId: project.id }, body: { email: "later@example.test", role: "viewer" } });
    const cross = await call(withdraw, { method: "DELETE", token: rival.token, params: { projectId: rivalProject.id, invitationId: inv.body.invitationId } });
    expect(cross.status).toBe(404);
    const own = await call(withdraw, { method: "DELETE", token: owner.token, params: { projectId: project.id, invitationId: inv.body.invitationId } });
    expect(own.status).toBe(204);
  });

  it("bad role or email is a 400 naming the field", async () => {
    const owner = await signUpUser("Strict");
    const project = await createTestProject(owner);
    const params = { projectId: project.id };
    const role = await call(invite, { method: "POST", token: owner.token, params, body: { email: "a@example.test", role: "admin" } });
    const email = await call(invite, { method: "POST", token: owner.token, params, body: { email: "nope", role: "viewer" } });
    expect([role.body.error.field, email.body.error.field]).toEqual(["role", "email"]);
  });
});
