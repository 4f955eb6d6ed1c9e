import { describe, expect, it } from "vitest";
import { recordPreviewError } from "@/lib/agent";
import { readFile } from "@/lib/workspace";
import { toolRun } from "./tools-support";

function blueprint(children: unknown[]) {
  return {
    version: 1,
    name: "Notes",
    routes: [{ path: "/", page: "home" }],
    pages: { home: { title: "Notes", body: { id: "root", type: "stack", children } } },
  };
}

const table = { id: "notes-table", type: "table", columns: [{ key: "text", label: "Text" }], data: { function: "notes" } };

type Written = { status: string; build: { ok: boolean; sizeBytes?: number; diagnostics?: string[] } };

describe("the agent's blueprint and component tools", () => {
  it("reads the blueprint with a summary and marks app.json read", async () => {
    const t = await toolRun("ToolsBpRead");
    const read = await t.ok<{ summary: string; blueprint: { pages: object } }>("read_blueprint");
    expect(read.summary).toMatch(/^App ".*" \(blueprint v1\)\nRoutes:\n {2}\/ -> home\n/);
    expect(read.blueprint.pages).toHaveProperty("home");
    expect(t.session.readPaths.has("app.json")).toBe(true);
  });

  it("refuses an invalid blueprint naming each JSON path, and leaves app.json unchanged", async () => {
    const t = await toolRun("ToolsBpInvalid");
    const before = (await readFile(t.scope, "app.json")).content;
    const bad = blueprint([{ id: "t", type: "tabel" }, { ...table, columns: "text" }]);
    const result = await t.call("update_blueprint", { blueprint: bad });
    expect(result.ok).toBe(false);
    expect(result.content).toMatch(/^Error: The blueprint is invalid; app\.json was not changed:\n/);
    expect(result.content).toContain("- pages.home.body.children[0].type: type \"tabel\" is unknown; expected one of:");
    expect(result.content).toMatch(/- pages\.home\.body\.children\[1\]\.columns: /);
    expect((await readFile(t.scope, "app.json")).content).toBe(before);
    expect(t.session.changedPaths.size).toBe(0);
  });

  it("writes a valid blueprint without a read, warning about a missing function and component", async () => {
    const t = await toolRun("ToolsBpValid");
    const next = blueprint([{ id: "title", type: "heading", text: "Notes" }, table, { id: "chart", type: "component", name: "NotesChart" }, { id: "hi", type: "component", name: "Welcome" }]);
    const written = await t.ok<{ status: string; summary: string; warnings: string[] }>("update_blueprint", { blueprint: next });
    expect(written.status).toBe("updated");
    expect(written.summary).toContain("Functions used: notes");
    expect(written.warnings).toEqual([
      'function "notes" is used but functions/notes.ts does not exist',
      'component "NotesChart" is used but components/NotesChart.tsx does not exist',
    ]);
    expect(JSON.parse((await readFile(t.scope, "app.json")).content)).toEqual(next);
    expect([...t.session.changedPaths]).toEqual(["app.json"]);
  });

  it("answers blueprint errors when app.json is written as a file", async () => {
    const t = await toolRun("ToolsBpFile");
    await t.ok("read_blueprint");
    const result = await t.ok<{ blueprint: { ok: boolean; errors: string[] } }>("write_file", {
      path: "app.json",
      content: JSON.stringify(blueprint([{ id: "x", type: "heading" }])),
    });
    expect(result.blueprint).toEqual({ ok: false, errors: [expect.stringMatching(/^pages\.home\.body\.children\[0\]\.text: /)] });
    const notJson = await t.ok<{ blueprint: { ok: boolean; errors: string[] } }>("write_file", { path: "app.json", content: "{ nope" });
    expect(notJson.blueprint.errors[0]).toMatch(/^\(root\): not valid JSON/);
  });

  it("keeps a component that does not build, with diagnostics, then builds the fixed one", async () => {
    const t = await toolRun("ToolsComponent");
    const broken = await t.broken<Written>("write_component", { name: "Counter", code: "export default function Counter() {\n  return <div>;\n}\n" });
    expect(broken).toMatchObject({ status: "created", build: { ok: false } });
    expect(broken.build.diagnostics?.[0]).toBe('components/Counter.tsx:3:1: The character "}" is not valid inside a JSX element');
    const fixed = await t.ok<Written>("write_component", {
      name: "Counter",
      code: 'import { useState } from "react";\nexport default function Counter() {\n  const [n, setN] = useState(0);\n  return <button onClick={() => setN(n + 1)}>{n}</button>;\n}\n',
    });
    expect(fixed).toMatchObject({ status: "updated", build: { ok: true, sizeBytes: expect.any(Number) } });
    expect((await t.call("write_component", { name: "Welcome", code: "export default () => null;\n" })).content).toMatch(/was not read in this run/);
    expect((await t.call("write_component", { name: "lowercase", code: "x" })).content).toMatch(/^Error: invalid arguments\./);
  }, 60_000);

  it("collects preview errors, broken components and blueprint errors", async () => {
    const t = await toolRun("ToolsPreview");
    expect((await t.call("read_preview_errors")).content).toBe("No errors: the preview reported none, every component builds and app.json is valid.");
    recordPreviewError(t.scope.projectId, { message: "Cannot read properties of undefined (reading 'map')", component: "Welcome", nodeId: "hi" });
    await t.broken("write_component", { name: "Broken", code: "export default function Broken() {\n  return <div>;\n}\n" });
    await t.ok("read_blueprint");
    await t.ok("write_file", { path: "app.json", content: JSON.stringify(blueprint([{ id: "x", type: "heading" }])) });

    const errors = await t.ok<{ preview: unknown[]; components: unknown[]; blueprint: string[] }>("read_preview_errors");
    expect(errors.preview).toEqual([{ message: "Cannot read properties of undefined (reading 'map')", component: "Welcome", nodeId: "hi", at: expect.any(String) }]);
    expect(errors.components).toEqual([{ name: "Broken", diagnostics: expect.arrayContaining([expect.stringMatching(/^components\/Broken\.tsx:3:1: /)]) }]);
    expect(errors.blueprint).toEqual([expect.stringMatching(/^pages\.home\.body\.children\[0\]\.text: /)]);
  }, 60_000);
});
