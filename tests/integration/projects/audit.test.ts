import { describe, expect, it } from "vitest";
import { GET as projectAudit } from "@/app/api/projects/[projectId]/audit/route";
import { GET as platformAudit } from "@/app/api/audit/route";
import { PUT as putFile } from "@/app/api/projects/[projectId]/files/[...path]/route";
import { PUT as putSecret } from "@/app/api/projects/[projectId]/secrets/[name]/route";
import { POST as invite } from "@/app/api/projects/[projectId]/members/route";
import { getDb } from "@/lib/db";
import { pruneAuditEvents } from "@/lib/projects";
import { createTestProject, signUpUser } from "@/tests/support/accounts";
import { call } from "@/tests/support/http";

type Event = { id: string; action: string; actor: { id: string; email: string } | null; address: string | null; projectId: string | null; data: Record<string, unknown> };

// The first account of the test database is the platform admin: made by the first test that asks, once
// the database exists (setup makes it before the first test, not when this file is read).
let adminUser: ReturnType<typeof signUpUser> | undefined;
const admin = () => (adminUser ??= signUpUser("Audit admin"));

async function projectWithHistory() {
  await admin();
  const [owner, editor] = [await signUpUser("Audit owner"), await signUpUser("Audit editor")];
  const project = await createTestProject(owner, "Audited");
  const params = { projectId: project.id };
  const from = (address: string) => ({ "x-forwarded-for": address });
  await call(invite, { method: "POST", token: owner.token, params, headers: from("198.51.100.7"), body: { email: editor.email, role: "editor" } });
  for (const [i, name] of ["a", "b", "c"].entries()) {
    const res = await call(putFile, { method: "PUT", token: editor.token, headers: from(`198.51.100.${20 + i}`), params: { ...params, path: ["notes", `${name}.md`] }, body: { content: `# ${name}` } });
    expect(res.status).toBe(200);
  }
  await call(putSecret, { method: "PUT", token: owner.token, params: { ...params, name: "API_KEY" }, body: { value: "s3cret value" } });
  return { owner, editor, project, params };
}

async function readAll(token: string, params: Record<string, string>, filters: string): Promise<Event[]> {
  const events: Event[] = [];
  let cursor = "";
  for (let pages = 0; pages < 50; pages++) {
    const res = await call(projectAudit, { token, params, path: `/api/x?limit=2&${filters}${cursor ? `&cursor=${cursor}` : ""}` });
    expect(res.status).toBe(200);
    expect(res.body.events.length).toBeLessThanOrEqual(2);
    events.push(...res.body.events);
    if (!res.body.nextCursor) return events;
    cursor = res.body.nextCursor;
  }
  throw new Error("the cursor never ended");
}

describe("the audit log", () => {
  it("records every change with its actor, client address and what changed, for the project's owners to read", async () => {
    const { owner, editor, project, params } = await projectWithHistory();
    const res = await call(projectAudit, { token: owner.token, params });
    expect(res.status).toBe(200);
    const events: Event[] = res.body.events;
    expect(events.map((e) => e.action)).toEqual(["secret.set", "files.committed", "files.committed", "files.committed", "member.added", "files.committed", "project.created"]);
    const commit = events[1]!;
    expect(commit).toMatchObject({ projectId: project.id, address: "198.51.100.22", actor: { id: editor.id, email: editor.email } });
    expect(commit.data).toMatchObject({ files: ["A notes/c.md"] });
    expect(events[4]).toMatchObject({ address: "198.51.100.7", actor: { id: owner.id }, data: { role: "editor" } });
    // The value of a secret is never in the log.
    expect(JSON.stringify(events)).not.toContain("s3cret");

    // Editors and strangers cannot read it.
    expect((await call(projectAudit, { token: editor.token, params })).status).toBe(403);
    const stranger = await signUpUser("Audit stranger");
    expect((await call(projectAudit, { token: stranger.token, params })).status).toBe(404);
  });

  it("filters by actor, kind and time and pages by cursor without losing or repeating an event", async () => {
    const { owner, editor, params } = await projectWithHistory();
    const byEditor = await readAll(owner.token, params, `actor=${encodeURIComponent(editor.email)}`);
    expect(byEditor.map((e) => e.action)).toEqual(["files.committed", "files.committed", "files.committed"]);
    expect(new Set(byEditor.map((e) => e.id)).size).toBe(3);
    expect((await readAll(owner.token, params, `actor=${owner.id}&kind=member`)).map((e) => e.action)).toEqual(["member.added"]);
    expect((await readAll(owner.token, params, "kind=secret.set")).length).toBe(1);
    expect(await readAll(owner.token, params, `actor=nobody%40example.test`)).toEqual([]);
    const all = await readAll(owner.token, params, "");
    expect(all.length).toBe(7);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect(await readAll(owner.token, params, `from=${encodeURIComponent(future)}`)).toEqual([]);
    expect((await readAll(owner.token, params, `to=${encodeURIComponent(future)}`)).length).toBe(7);

    for (const [query, field] of [["cursor=bm90LWEtY3Vyc29y", "cursor"], ["from=yesterday", "from"], ["kind=DROP%20TABLE", "kind"], ["limit=1000", "limit"], [`project=${crypto.randomUUID()}`, "project"]] as const) {
      const bad = await call(projectAudit, { token: owner.token, params, path: `/api/x?${query}` });
      expect(bad.status, query).toBe(400);
      expect(bad.body.error.field).toBe(field);
    }
  });

  it("exports every matching event as JSON lines", async () => {
    const { owner, params } = await projectWithHistory();
    const req = new Request(`http://localhost:3000/api/projects/${params.projectId}/audit?format=jsonl&kind=files`, { headers: { authorization: `Bearer ${owner.token}` } });
    const res = await projectAudit(req, { params: Promise.resolve(params) });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/x-ndjson");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="myco-audit-.+\.jsonl"$/);
    const lines = (await res.text()).trimEnd().split("\n").map((l) => JSON.parse(l) as Event);
    expect(lines.map((e) => e.action)).toEqual(["files.committed", "files.committed", "files.committed", "files.committed"]);
  });

  it("shows the platform admin every event, sign-ups included, filtered by project; nobody else", async () => {
    const { owner, project } = await projectWithHistory();
    const platformAdmin = await admin();
    const res = await call(platformAudit, { token: platformAdmin.token, path: `/api/audit?project=${project.id}&limit=200` });
    expect(res.status).toBe(200);
    expect(res.body.events.every((e: Event) => e.projectId === project.id)).toBe(true);
    expect(res.body.events.length).toBe(7);
    const signUps = await call(platformAudit, { token: platformAdmin.token, path: `/api/audit?kind=user.signed_up&actor=${owner.id}` });
    expect(signUps.body.events).toHaveLength(1);
    expect((await call(platformAudit, { token: owner.token })).status).toBe(403);
  });

  it("deletes events older than the retention and keeps the rest", async () => {
    const { project } = await projectWithHistory();
    const db = await getDb();
    const old = await db.auditEvent.create({ data: { projectId: project.id, action: "project.updated", createdAt: new Date(Date.now() - 400 * 86_400_000) } });
    const kept = await db.auditEvent.count();
    expect(await pruneAuditEvents()).toBeGreaterThanOrEqual(1);
    expect(await db.auditEvent.findUnique({ where: { id: old.id } })).toBeNull();
    expect(await db.auditEvent.count()).toBe(kept - 1);
  });
});
