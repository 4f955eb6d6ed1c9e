import { describe, expect, it } from "vitest";
import { GET as listUsers } from "@/app/api/admin/users/route";
import { linkGithubUser } from "@/lib/auth";
import { call } from "@/tests/support/http";
import { createTestProject, signUpUser } from "@/tests/support/accounts";

describe("platform admin", () => {
  it("is the first account, which alone lists every user", async () => {
    const admin = await signUpUser("Admin");
    const user = await signUpUser("Plain");
    await createTestProject(user);
    const res = await call(listUsers, { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      expect.objectContaining({ email: user.email, isAdmin: false, projects: 1 }),
      expect.objectContaining({ email: admin.email, isAdmin: true, projects: 0 }),
    ]);
    const refused = await call(listUsers, { token: user.token });
    expect(refused.status).toBe(403);
  });
});

describe("GitHub sign-in", () => {
  it("creates an account once and finds it again by GitHub id", async () => {
    const profile = { id: "4242", email: "Octo@Example.test", name: "Octo Cat", login: "octocat" };
    const first = await linkGithubUser(profile);
    const again = await linkGithubUser({ ...profile, email: "changed@example.test" });
    expect(first).toMatchObject({ email: "octo@example.test", name: "Octo Cat", githubId: "4242", passwordHash: null });
    expect(again.id).toBe(first.id);
  });

  it("links to an existing account with the same email", async () => {
    const existing = await signUpUser("Linked");
    const linked = await linkGithubUser({ id: "777", email: existing.email, name: null, login: "linked" });
    expect(linked.id).toBe(existing.id);
    expect(linked.githubId).toBe("777");
  });

  it("uses GitHub's no-reply address when the profile has no public email", async () => {
    const user = await linkGithubUser({ id: "99", email: null, name: null, login: "private" });
    expect(user).toMatchObject({ email: "99+private@users.noreply.github.com", name: "private" });
  });
});
