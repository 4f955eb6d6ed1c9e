import { describe, expect, it } from "vitest";
import { GET as history } from "@/app/api/projects/[projectId]/history/route";
import { GET as fileChange } from "@/app/api/projects/[projectId]/history/[sha]/files/[...path]/route";
import { POST as invite } from "@/app/api/projects/[projectId]/members/route";
import { call } from "@/tests/support/http";
import { createTestProject, signUpUser } from "@/tests/support/accounts";
import { putFile } from "@/tests/support/workspace";

describe("a commit's files", () => {
  it("are listed with each commit, and each reads before and after for a side-by-side diff", async () => {
    const owner = await signUpUser("Differ");
    const viewer = await signUpUser("Onlooker");
    const { id } = await createTestProject(owner, "Diffs");
    await call(invite, { method: "POST", token: owner.token, params: { projectId: id }, body: { email: viewer.email, role: "viewer" } });
    const first = await putFile(owner, id, "notes/a.md", "one\n", { message: "Add a" });
    const second = await putFile(owner, id, "notes/a.md", "two\n", { message: "Change a" });

    const listed = await call(history, { token: viewer.token, params: { projectId: id }, path: "/api/x?limit=3" });
    expect(listed.body.commits.map((c: { message: string; files: string[] }) => [c.message, c.files])).toEqual([
      ["Change a", ["notes/a.md"]],
      ["Add a", ["notes/a.md"]],
      ["Create Diffs", ["README.md", "app.json", "components/Welcome.tsx", "db/migrations/.gitkeep", "functions/hello.ts", "package.json"]],
    ]);
    const params = (sha: string, path: string) => ({ projectId: id, sha, path: path.split("/") });
    const changed = await call(fileChange, { token: viewer.token, params: params(second.body.commit.sha, "notes/a.md") });
    expect(changed.body).toEqual({ sha: second.body.commit.sha, path: "notes/a.md", before: "one\n", after: "two\n", isBinary: false });
    const added = await call(fileChange, { token: viewer.token, params: params(first.body.commit.sha.slice(0, 7), "notes/a.md") });
    expect(added.body).toMatchObject({ before: null, after: "one\n" });
  });

  it("answers 404 naming the path a commit did not touch, 400 for a path outside the workspace, 404 to a stranger", async () => {
    const owner = await signUpUser("Differ2");
    const stranger = await signUpUser("Stranger2");
    const { id } = await createTestProject(owner);
    const put = await putFile(owner, id, "x.md", "x", { message: "x" });
    const sha = put.body.commit.sha;
    const untouched = await call(fileChange, { token: owner.token, params: { projectId: id, sha, path: ["nothing.md"] } });
    expect(untouched).toMatchObject({ status: 404, body: { error: { field: "path" } } });
    const outside = await call(fileChange, { token: owner.token, params: { projectId: id, sha, path: ["..", "..", "etc", "passwd"] } });
    expect(outside.status).toBe(400);
    const option = await call(fileChange, { token: owner.token, params: { projectId: id, sha: "--output=x", path: ["x.md"] } });
    expect(option).toMatchObject({ status: 400, body: { error: { field: "sha" } } });
    expect((await call(fileChange, { token: stranger.token, params: { projectId: id, sha, path: ["x.md"] } })).status).toBe(404);
  });
});
