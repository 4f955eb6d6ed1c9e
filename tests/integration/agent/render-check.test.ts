// The app check renders every page on the server with the app's real data, dialogs open, and names each
// page that threw or showed an error in place of a node.
import { afterAll, describe, expect, it } from "vitest";
import { getFromApp } from "@/lib/agent/verify/app-get";
import { checkApp } from "@/lib/agent/verify/check-app";
import { renderCheck } from "@/lib/agent/verify/render-check";
import { validateBlueprint } from "@/lib/sdui";
import { shutdownRuntime, watchInvocations } from "@/lib/functions";
import { log } from "@/lib/log";
import { writeFile } from "@/lib/workspace";
import { ownerScope } from "@/tests/support/scope";
import type { ProjectScope } from "@/lib/auth";

afterAll(() => shutdownRuntime());

const put = (scope: ProjectScope, path: string, content: string) => writeFile(scope, path, { content, encoding: "utf8", create: false }, log);

// GET / lists the contacts; GET /<id> reads one (404 for another id); the list as `{ items }` when asked.
const CONTACTS = `const rows = [{ id: 7, name: "Ada", email: "ada@example.test" }];
export default async function handler(req: { method: string; path: string; query: Record<string, string> }) {
  const id = req.path.split("/")[1];
  if (!id) return req.query.shape === "items" ? { items: rows } : rows;
  const row = rows.find((r) => String(r.id) === id);
  return row ? row : { status: 404, body: { error: "No contact " + id } };
}
`;

const table = (id: string, args?: Record<string, string>) => ({
  id, type: "table", data: { function: "contacts", ...(args ? { args } : {}) }, columns: [{ key: "name", label: "Name" }],
  rowActions: [{ text: "Edit", modal: { title: "Edit contact", children: [{ id: `${id}-edit`, type: "form", data: { function: "contacts", path: "{{row.id}}" }, fields: [{ name: "name", label: "Name", input: "text" }], onSubmit: [{ action: "call", function: "contacts", method: "PUT", path: "{{row.id}}", args: { name: "{{form.name}}" } }] }] } }],
});

const blueprint = (home: unknown[], detail: unknown[]) => JSON.stringify({
  version: 1, name: "Contacts",
  routes: [{ path: "/", page: "home" }, { path: "/contacts/:id", page: "contact" }],
  pages: {
    home: { title: "Contacts", body: { id: "root", type: "stack", children: home } },
    contact: { title: "Contact", body: { id: "one", type: "stack", children: detail } },
  },
});

const detail = [{ id: "contact-form", type: "form", data: { function: "contacts", path: "{{route.id}}" }, fields: [{ name: "name", label: "Name", input: "text" }], onSubmit: [{ action: "call", function: "contacts", method: "PUT", path: "{{route.id}}", args: { name: "{{form.name}}" } }] }];

describe("the app check's server render", () => {
  it("passes an app whose pages, row dialogs and record page (filled with a real id) render clean", async () => {
    const scope = await ownerScope("RenderClean");
    await put(scope, "functions/contacts.ts", CONTACTS);
    await put(scope, "app.json", blueprint([table("contacts-table")], detail));
    expect(await checkApp(scope, log)).toEqual([]);
  });

  it("names the page and node that show an error: rows in the wrong shape, a component not in the app", async () => {
    const scope = await ownerScope("RenderShown");
    await put(scope, "functions/contacts.ts", CONTACTS);
    await put(scope, "app.json", blueprint([table("contacts-table", { shape: "items" }), { id: "chart", type: "component", name: "Chart" }], detail));
    const problems = await checkApp(scope, log);
    expect(problems).toContain('page / shows an error in node "contacts-table": contacts returned object, not an array of rows');
    expect(problems).toContainEqual(expect.stringMatching(/^page \/ shows an error in component Chart: Chart is not in this app's build/));
    expect(problems.every((p) => p.startsWith("page / "))).toBe(true);
  });

  it("names an edit dialog that cannot load its row, and forgives a record page only when no row exists", async () => {
    const scope = await ownerScope("RenderDialog");
    const noRecords = CONTACTS.replace('const row = rows.find((r) => String(r.id) === id);', "const row = undefined;");
    await put(scope, "functions/contacts.ts", noRecords);
    await put(scope, "app.json", blueprint([table("contacts-table")], detail));
    const problems = await checkApp(scope, log);
    expect(problems, JSON.stringify(problems)).toContain('page / shows an error in node "contacts-table-edit": No contact 7');
    expect(problems).toContain('page /contacts/7 shows an error in node "contact-form": No contact 7');
    await put(scope, "functions/contacts.ts", noRecords.replace('const rows = [{ id: 7, name: "Ada", email: "ada@example.test" }];', "const rows: { id: number; name: string }[] = [];"));
    expect(await checkApp(scope, log)).toEqual([]);
  });

  it("runs only the project's own functions: another origin, another path or an encoded name is refused", async () => {
    const scope = await ownerScope("RenderGets");
    await put(scope, "functions/contacts.ts", CONTACTS);
    expect(await getFromApp(scope, "/_fn/contacts", log)).toMatchObject({ ok: true, status: 200 });
    for (const url of ["http://evil.test/_fn/contacts", "/api/projects", "/_fn/..%2Fcontacts", "/_fn/%63ontacts"]) {
      expect(await getFromApp(scope, url, log)).toEqual({ ok: false, message: `${url} is not a URL of the app's functions` });
    }
  });

  it("asks at most 40 GETs of a table whose hundred rows each have an edit dialog", async () => {
    const scope = await ownerScope("RenderBudget");
    const many = CONTACTS.replace('const rows = [{ id: 7, name: "Ada", email: "ada@example.test" }];', 'const rows = Array.from({ length: 100 }, (_, i) => ({ id: i + 1, name: "P" + i, email: "p" + i + "@example.test" }));');
    await put(scope, "functions/contacts.ts", many);
    await put(scope, "app.json", blueprint([table("contacts-table")], detail));
    const stop = new AbortController();
    let calls = 0;
    const counting = (async () => {
      for await (const record of watchInvocations(scope, "contacts", stop.signal)) if (record.trigger === "api") calls += 1;
    })();
    expect(await checkApp(scope, log)).toEqual([]);
    stop.abort();
    await counting;
    // One smoke GET of the list, then the render check's 40.
    expect(calls).toBe(41);
  });

  it("holds at most 8 MB of answers: a page of ten 1 MB tables gets a problem, not the server's memory", async () => {
    const scope = await ownerScope("RenderBytes");
    await put(scope, "functions/big.ts", 'export default async function handler(req: { query: Record<string, string> }) {\n  return Array.from({ length: 7_500 }, (_, i) => ({ id: i, text: "x".repeat(100) + req.query.n }));\n}\n');
    const tables = Array.from({ length: 10 }, (_, n) => ({ id: `t${n}`, type: "table", data: { function: "big", args: { n: String(n) } }, columns: [{ key: "text", label: "Text" }] }));
    await put(scope, "app.json", JSON.stringify({ version: 1, name: "Big", routes: [{ path: "/", page: "home" }], pages: { home: { title: "Big", body: { id: "root", type: "stack", children: tables } } } }));
    const problems = await checkApp(scope, log);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => /^page \/ shows an error in node "t\d": \/_fn\/big\?n=\d answered more than the app check reads \(8388608 bytes\)$/.test(p)), JSON.stringify(problems)).toBe(true);
  });

  it("answers a GET that throws (a function gone since the smoke test) with a problem, never a hang", async () => {
    const scope = await ownerScope("RenderGone");
    const parsed = validateBlueprint(JSON.parse(blueprint([{ id: "gone", type: "list", data: { function: "gone" }, itemTemplate: { title: "{{row.name}}" } }], detail)));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const problems = await renderCheck(scope, parsed.blueprint, {}, log);
    expect(problems).toContainEqual(expect.stringMatching(/^page \/ shows an error in node "gone": /));
  });
});
