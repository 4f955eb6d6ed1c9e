import { afterAll, describe, expect, it } from "vitest";
import { POST as checkBuild } from "@/app/api/projects/[projectId]/build/route";
import { POST as invite } from "@/app/api/projects/[projectId]/members/route";
import { shutdownRuntime } from "@/lib/functions";
import { call } from "@/tests/support/http";
import { createTestProject, signUpUser } from "@/tests/support/accounts";
import { putFile } from "@/tests/support/workspace";

afterAll(() => shutdownRuntime());

describe("checking a workspace's build", () => {
  it("answers every component's and function's problems with file, line and column, and none once fixed", async () => {
    const owner = await signUpUser("Checker");
    const { id } = await createTestProject(owner);
    const params = { projectId: id };
    expect((await call(checkBuild, { method: "POST", token: owner.token, params })).body).toEqual({ problems: [] });
    await putFile(owner, id, "functions/broken.ts", "export default () => {\n  return ;;\n  const = 1;\n};\n");
    await putFile(owner, id, "components/Bad.tsx", "export default function Bad() {\n  return <p>;\n}\n");
    const broken = await call(checkBuild, { method: "POST", token: owner.token, params });
    expect(broken.status).toBe(200);
    expect(broken.body.problems).toEqual(expect.arrayContaining([
      expect.objectContaining({ file: "functions/broken.ts", line: 3, column: 9 }),
      expect.objectContaining({ file: "components/Bad.tsx", line: expect.any(Number), message: expect.any(String) }),
    ]));
    await putFile(owner, id, "functions/broken.ts", "export default () => 1;\n");
    await putFile(owner, id, "components/Bad.tsx", "export default function Bad() {\n  return <p />;\n}\n");
    expect((await call(checkBuild, { method: "POST", token: owner.token, params })).body).toEqual({ problems: [] });
  }, 60_000);

  it("is for editors: a viewer gets 403, a stranger 404", async () => {
    const owner = await signUpUser("CheckOwner");
    const viewer = await signUpUser("CheckViewer");
    const stranger = await signUpUser("CheckStranger");
    const { id } = await createTestProject(owner);
    await call(invite, { method: "POST", token: owner.token, params: { projectId: id }, body: { email: viewer.email, role: "viewer" } });
    expect((await call(checkBuild, { method: "POST", token: viewer.token, params: { projectId: id } })).status).toBe(403);
    expect((await call(checkBuild, { method: "POST", token: stranger.token, params: { projectId: id } })).status).toBe(404);
  });
});
