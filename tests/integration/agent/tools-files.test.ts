import { describe, expect, it } from "vitest";
import { z } from "zod";
import { toolSpecs } from "@/lib/agent";
import { readFile } from "@/lib/workspace";
import { toolRun } from "./tools-support";

describe("the agent's file tools", () => {
  it("lists the seed workspace and reads a file, marking it read", async () => {
    const t = await toolRun("ToolsList");
    const listed = await t.call("list_files");
    expect(listed.ok).toBe(true);
    expect(listed.content).toMatch(/^app\.json \(\d+ B\)$/m);
    expect(listed.content).toContain("functions/hello.ts");
    const read = await t.call("read_file", { path: "functions/hello.ts" });
    expect(read).toMatchObject({ ok: true, content: expect.stringContaining("export default async function handler") });
    expect(t.session.readPaths.has("functions/hello.ts")).toBe(true);
    expect(await t.call("read_file", { path: "nope.txt" })).toEqual({ ok: false, content: "Error: No file nope.txt." });
    expect((await t.call("read_file", { path: "../etc/passwd" })).content).toMatch(/^Error: invalid arguments.*\n.*path contains \. or \.\. segments/s);
  });

  it("refuses to overwrite or edit an unread file, then allows both after read_file", async () => {
    const t = await toolRun("ToolsRead");
    const overwrite = await t.call("write_file", { path: "README.md", content: "# Gone\n" });
    expect(overwrite).toEqual({ ok: false, content: expect.stringMatching(/^Error: README\.md already exists and was not read in this run: call read_file/) });
    const edit = await t.call("edit_file", { path: "README.md", search: "Myco", replace: "Mycelium" });
    expect(edit.content).toMatch(/call read_file on it first/);
    expect((await readFile(t.scope, "README.md")).content).not.toBe("# Gone\n");

    await t.call("read_file", { path: "README.md" });
    expect(await t.ok("write_file", { path: "README.md", content: "# Notes\nOne line about Myco.\n" })).toEqual({ path: "README.md", status: "updated" });
    expect(await t.ok("edit_file", { path: "README.md", search: "about Myco", replace: "about $& Mycelium" })).toMatchObject({ status: "updated" });
    expect((await readFile(t.scope, "README.md")).content).toBe("# Notes\nOne line about $& Mycelium.\n");
    expect([...t.session.changedPaths]).toEqual(["README.md"]);
  });

  it("creates new files without a read, and then may edit them", async () => {
    const t = await toolRun("ToolsCreate");
    expect(await t.ok("write_file", { path: "docs/notes.md", content: "a\nb\n" })).toEqual({ path: "docs/notes.md", status: "created" });
    expect(await t.ok("edit_file", { path: "docs/notes.md", search: "b", replace: "c" })).toMatchObject({ status: "updated" });
    expect(await t.ok("write_file", { path: "docs/notes.md", content: "a\nc\n" })).toMatchObject({ status: "unchanged" });
    expect((await t.call("edit_file", { path: "docs/missing.md", search: "x", replace: "y" })).content).toBe(
      "Error: No file docs/missing.md; use write_file to create it.",
    );
  });

  it("asks for an edit whose search matches exactly once", async () => {
    const t = await toolRun("ToolsEdit");
    await t.ok("write_file", { path: "notes.txt", content: "apple\nbanana\napple\n" });
    expect((await t.call("edit_file", { path: "notes.txt", search: "cherry", replace: "x" })).content).toBe(
      "Error: search text not found in notes.txt; read_file it again and copy the text exactly.",
    );
    expect((await t.call("edit_file", { path: "notes.txt", search: "apple", replace: "x" })).content).toBe(
      "Error: search text occurs 2 times in notes.txt; include more surrounding lines so it matches exactly once.",
    );
    expect((await readFile(t.scope, "notes.txt")).content).toBe("apple\nbanana\napple\n");
    await t.ok("edit_file", { path: "notes.txt", search: "apple\nbanana", replace: "pear\nbanana" });
    expect((await readFile(t.scope, "notes.txt")).content).toBe("pear\nbanana\napple\n");
  });

  it("refuses migration files and deleting app.json, and deletes other files", async () => {
    const t = await toolRun("ToolsGuard");
    const migration = await t.call("write_file", { path: "db/migrations/0001_x.sql", content: "DROP TABLE users;" });
    expect(migration).toEqual({ ok: false, content: "Error: db/migrations/0001_x.sql is a migration file: use change_db_schema; raw SQL is not accepted." });
    expect((await t.call("delete_file", { path: "db/migrations/0001_x.sql" })).content).toMatch(/use change_db_schema/);
    expect((await t.call("delete_file", { path: "app.json" })).content).toMatch(/app\.json cannot be deleted; use update_blueprint/);
    expect(await t.call("delete_file", { path: "functions/hello.ts" })).toEqual({ ok: true, content: "Deleted functions/hello.ts." });
    expect((await t.call("delete_file", { path: "functions/hello.ts" })).content).toBe("Error: No file functions/hello.ts.");
    expect(t.session.changedPaths.has("functions/hello.ts")).toBe(true);
  });

  it("searches files and answers path:line: text", async () => {
    const t = await toolRun("ToolsSearch");
    const found = await t.call("search_files", { query: "HELLO, $" });
    expect(found.content).toMatch(/^functions\/hello\.ts:\d+: .*Hello, \$\{/m);
    expect((await t.call("search_files", { query: "no such text anywhere" })).content).toBe('No matches for "no such text anywhere".');
  });

  it("answers build diagnostics for a broken function written with write_file", async () => {
    const t = await toolRun("ToolsDiag");
    const result = await t.broken<{ builds: { ok: boolean; diagnostics?: string[] }[] }>("write_file", {
      path: "functions/broken.ts",
      content: "export default async function handler() {\n  return {;\n}\n",
    });
    expect(result.builds[0]).toMatchObject({ ok: false, diagnostics: [expect.stringMatching(/^functions\/broken\.ts:2:\d+: /)] });
  }, 60_000);

  it("describes every tool to the model as an object JSON Schema", async () => {
    const t = await toolRun("ToolsSpecs");
    const specs = toolSpecs(t.tools);
    expect(specs.map((s) => s.function.name).sort()).toEqual([
      "add_dependency", "change_db_schema", "delete_file", "edit_file", "get_db_schema", "invoke_function", "list_files",
      "read_blueprint", "read_file", "read_function_logs", "read_preview_errors", "run_query", "search_files", "update_blueprint",
      "write_component", "write_file", "write_function",
    ]);
    for (const spec of specs) {
      expect(spec.function.parameters, spec.function.name).toMatchObject({ type: "object", additionalProperties: false });
      // update_blueprint alone carries the blueprint's compact JSON Schema, so a model need not guess its shape.
      if (spec.function.name === "update_blueprint") {
        const schema = JSON.parse(/JSON Schema \(docs\/blueprint\.md explains it\): (.*)$/s.exec(spec.function.description)?.[1] ?? "null") as Record<string, unknown>;
        expect(JSON.stringify(schema)).toContain('"optionsFrom"');
        expect(spec.function.description.length).toBeLessThan(14_000);
      } else expect(spec.function.description.length, spec.function.name).toBeLessThan(400);
      // The JSON Schema round-trips into a validator (it is well-formed, with no unrepresentable parts).
      expect(() => z.fromJSONSchema(spec.function.parameters)).not.toThrow();
    }
    // Optional fields stay optional for the model: only what a call cannot do without is required.
    const required = (name: string) => specs.find((s) => s.function.name === name)?.function.parameters.required;
    expect(required("invoke_function")).toEqual(["name"]);
    expect(required("change_db_schema")).toEqual(["name", "operations"]);
    expect(required("list_files")).toBeUndefined();
  });
});
