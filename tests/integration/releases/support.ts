// Helpers for the releases integration tests (not a test file itself): a project with a notes app, and
// calls to its environments' origins as a visitor makes them.
import { GET as pageRoute } from "@/app/apps-host/[slug]/[env]/[[...path]]/route";
import { GET as fnGet, POST as fnPost } from "@/app/apps-host/[slug]/[env]/myco-fn/[name]/[[...path]]/route";
import { POST as migrationsRoute } from "@/app/api/projects/[projectId]/db/migrations/route";
import { POST as releasesRoute } from "@/app/api/projects/[projectId]/releases/route";
import { POST as deployRoute } from "@/app/api/projects/[projectId]/deployments/route";
import { call } from "@/tests/support/http";
import { createTestProject, signUpUser, type TestUser } from "@/tests/support/accounts";
import { putFile } from "@/tests/support/workspace";

export const NOTES_FN = `export default async function handler(req: any, ctx: any) {
  if (req.method === "POST") return { status: 201, body: await ctx.db.exec("INSERT INTO notes (body) VALUES (?)", [req.body.body]) };
  return ctx.db.query("SELECT * FROM notes ORDER BY id");
}
`;

export type NotesApp = { owner: TestUser; project: { id: string; slug: string }; params: { projectId: string } };

/** A project whose app keeps notes: a notes table, a function over it, and the starter blueprint. */
export async function notesApp(name: string): Promise<NotesApp> {
  const owner = await signUpUser(name);
  const project = await createTestProject(owner, `${name} app`);
  const params = { projectId: project.id };
  const migration = await call(migrationsRoute, { method: "POST", token: owner.token, params, body: { name: "notes", sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)" } });
  if (migration.status !== 201) throw new Error(`migration failed: ${JSON.stringify(migration.body)}`);
  const fn = await putFile(owner, project.id, "functions/notes.ts", NOTES_FN);
  if (fn.status !== 200) throw new Error(`function failed: ${JSON.stringify(fn.body)}`);
  return { owner, project, params };
}

export const cut = (app: NotesApp, body: Record<string, unknown> = {}) =>
  call(releasesRoute, { method: "POST", token: app.owner.token, params: app.params, body });

export const deploy = (app: NotesApp, releaseId: string, env: "staging" | "prod", token = app.owner.token) =>
  call(deployRoute, { method: "POST", token, params: app.params, body: { releaseId, env } });

/** The HTML an environment's origin serves for `/`. */
export async function page(app: NotesApp, env: string): Promise<{ status: number; html: string }> {
  const res = await pageRoute(new Request(`http://${app.project.slug}.apps.localhost:3000/`), { params: Promise.resolve({ slug: app.project.slug, env }) });
  return { status: res.status, html: await res.text() };
}

/** A visitor's call to /_fn/notes on an environment's origin. */
export function notes(app: NotesApp, env: string, body?: { body: string }) {
  const params = { slug: app.project.slug, env, name: "notes" };
  return body ? call(fnPost, { method: "POST", params, path: "/_fn/notes", body }) : call(fnGet, { params, path: "/_fn/notes" });
}

/** The boot manifest an environment's page carries (blueprint and component bundle URLs). */
export function bootOf(html: string): { blueprint: { name?: string; pages?: unknown }; components: Record<string, string>; env: string } {
  const json = /<script id="myco-boot" type="application\/json">(.*?)<\/script>/s.exec(html)?.[1] ?? "null";
  return JSON.parse(json.replace(/\\u003c/g, "<").replace(/\\u003e/g, ">").replace(/\\u0026/g, "&"));
}
