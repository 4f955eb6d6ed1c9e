import { afterAll, describe, expect, it } from "vitest";
import { GET as findingsRoute, POST as findingsPost } from "@/app/api/projects/[projectId]/findings/route";
import { PUT as settingsRoute } from "@/app/api/projects/[projectId]/release-settings/route";
import { POST as inviteRoute } from "@/app/api/projects/[projectId]/members/route";
import { POST as releasesRoute } from "@/app/api/projects/[projectId]/releases/route";
import { getDb } from "@/lib/db";
import { shutdownRuntime } from "@/lib/functions";
import { signUpUser } from "@/tests/support/accounts";
import { call } from "@/tests/support/http";
import { putFile } from "@/tests/support/workspace";
import { cut, notesApp } from "./support";

afterAll(() => shutdownRuntime());

const EVAL_FN = `export default async function handler(req: any) {
  return { result: eval(String(req.query.expr)) };
}
`;

describe("the release security gate", () => {
  it("releases clean code as before, with no override in its audit event", async () => {
    const app = await notesApp("Clean gate");
    const res = await cut(app);
    expect(res.status).toBe(201);
    const audit = await (await getDb()).auditEvent.findFirstOrThrow({ where: { projectId: app.project.id, action: "release.created" } });
    expect(audit.data).not.toHaveProperty("securityOverride");
  });

  it("sees code a function imports from any folder, and code it cannot read: both refuse the release", async () => {
    const app = await notesApp("Hidden gate");
    expect((await putFile(app.owner, app.project.id, "lib/run.ts", "export const run = (s: string) => eval(s);\n")).status).toBe(200);
    expect((await putFile(app.owner, app.project.id, "functions/calc.ts", `import { run } from "../lib/run";\nexport default async (req: any) => ({ v: run(String(req.query.x)) });\n`)).status).toBe(200);
    const refused = await cut(app);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/lib\/run\.ts:1 security\/detect-eval-with-expression/);

    const other = await notesApp("Unparsed gate");
    // TypeScript esbuild builds but the analyser's parser refuses: it must not pass as clean.
    expect((await putFile(other.owner, other.project.id, "functions/odd.ts", "abstract class B { abstract x = 1 }\nexport default async () => ({ ok: eval('1') });\n")).status).toBe(200);
    const unread = await cut(other);
    expect(unread.status).toBe(409);
    expect(unread.body.error.message).toMatch(/functions\/odd\.ts:\d+ myco\/not-analysed/);
  });

  it("refuses a release whose function calls eval, naming the finding, and releases it when an owner overrides", async () => {
    const app = await notesApp("Eval gate");
    expect((await putFile(app.owner, app.project.id, "functions/calc.ts", EVAL_FN)).status).toBe(200);
    const refused = await cut(app);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: "conflict", field: "overrideSecurity" });
    expect(refused.body.error.message).toMatch(/1 high-severity security finding: functions\/calc\.ts:2 security\/detect-eval-with-expression/);
    const db = await getDb();
    expect(await db.release.count({ where: { projectId: app.project.id } })).toBe(0);

    const released = await cut(app, { overrideSecurity: true });
    expect(released.status).toBe(201);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { projectId: app.project.id, action: "release.created" } });
    expect(audit.data).toMatchObject({
      releaseId: released.body.id,
      securityOverride: { high: 1, findings: ["functions/calc.ts:2 security/detect-eval-with-expression"] },
    });
  });

  it("refuses an override from an editor who may deploy (403 naming the field), and refuses the editor's plain release", async () => {
    const app = await notesApp("Editor gate");
    const editor = await signUpUser("Gate editor");
    await call(inviteRoute, { method: "POST", token: app.owner.token, params: app.params, body: { email: editor.email, role: "editor" } });
    expect((await call(settingsRoute, { method: "PUT", token: app.owner.token, params: app.params, body: { editorsCanDeploy: true } })).status).toBe(200);
    await putFile(app.owner, app.project.id, "functions/calc.ts", EVAL_FN);
    const override = await call(releasesRoute, { method: "POST", token: editor.token, params: app.params, body: { overrideSecurity: true } });
    expect(override.status).toBe(403);
    expect(override.body.error).toMatchObject({ code: "forbidden", field: "overrideSecurity" });
    const plain = await call(releasesRoute, { method: "POST", token: editor.token, params: app.params, body: {} });
    expect(plain.status).toBe(409);
    expect(await (await getDb()).release.count({ where: { projectId: app.project.id } })).toBe(0);
  });
});

describe("GET /api/projects/{projectId}/findings", () => {
  it("answers a viewer with the findings and counts, at HEAD or an earlier commit, and 404s for a stranger", async () => {
    const app = await notesApp("Findings");
    const viewer = await signUpUser("Findings viewer");
    await call(inviteRoute, { method: "POST", token: app.owner.token, params: app.params, body: { email: viewer.email, role: "viewer" } });
    const before = (await putFile(app.owner, app.project.id, "functions/notes.ts", "export default async () => [];\n")).body;
    await putFile(app.owner, app.project.id, "functions/calc.ts", EVAL_FN);

    const res = await call(findingsRoute, { token: viewer.token, params: app.params, path: "/api/test" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ high: 1, medium: 0, low: 0 });
    expect(res.body.findings).toEqual([expect.objectContaining({ path: "functions/calc.ts", line: 2, rule: "security/detect-eval-with-expression", severity: "high" })]);

    const sha = (before as { commit: { sha: string } }).commit.sha;
    const old = await call(findingsRoute, { token: viewer.token, params: app.params, path: `/api/test?ref=${sha}` });
    expect(old.status).toBe(200);
    expect(old.body).toMatchObject({ findings: [], high: 0 });
    const bad = await call(findingsRoute, { token: viewer.token, params: app.params, path: "/api/test?ref=not-a-sha" });
    expect(bad.status).toBe(400);

    const stranger = await signUpUser("Findings stranger");
    expect((await call(findingsRoute, { token: stranger.token, params: app.params })).status).toBe(404);
    expect((await call(findingsPost, { method: "POST", token: app.owner.token, params: app.params })).status).toBe(405);
  });
});
