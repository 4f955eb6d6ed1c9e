import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GET as tree } from "@/app/api/projects/[projectId]/files/route";
import { DELETE as deleteRoute, GET as readRoute, PATCH as renameRoute } from "@/app/api/projects/[projectId]/files/[...path]/route";
import { POST as changes } from "@/app/api/projects/[projectId]/changes/route";
import { GET as search } from "@/app/api/projects/[projectId]/search/route";
import { POST as invite } from "@/app/api/projects/[projectId]/members/route";
import { getConfig } from "@/lib/config";
import { call } from "@/tests/support/http";
import { createTestProject, signUpUser } from "@/tests/support/accounts";
import { getFile, putFile } from "@/tests/support/workspace";

const treeDir = (projectId: string) => path.join(getConfig().dataDir, "workspaces", projectId, "tree");

describe("workspace files", () => {
  it("start as the seed app: blueprint, component, function, migrations folder, README, package.json", async () => {
    const owner = await signUpUser("Seed");
    const project = await createTestProject(owner, "Seed App");
    const res = await call(tree, { token: owner.token, params: { projectId: project.id } });
    expect(res.body.map((f: { path: string }) => f.path)).toEqual([
      "README.md", "app.json", "components/Welcome.tsx", "db/migrations/.gitkeep", "functions/hello.ts", "package.json",
    ]);
    const app = await getFile(owner, project.id, "app.json");
    expect(JSON.parse(app.body.content)).toMatchObject({ name: "Seed App", routes: [{ path: "/", page: "home" }] });
    expect(fs.existsSync(path.join(treeDir(project.id), ".git"))).toBe(false);
  });

  it("are written, created, renamed, read and deleted, each as a commit", async () => {
    const owner = await signUpUser("Writer");
    const { id } = await createTestProject(owner);
    const params = { projectId: id };
    const written = await putFile(owner, id, "functions/todos.ts", "export default () => [];\n", { message: "Add todos" });
    expect(written.status).toBe(200);
    expect(written.body.commit).toMatchObject({ message: "Add todos", authorEmail: owner.email });
    expect((await putFile(owner, id, "functions/todos.ts", "x", { create: true })).status).toBe(409);
    const renamed = await call(renameRoute, { method: "PATCH", token: owner.token, params: { ...params, path: ["functions", "todos.ts"] }, body: { to: "functions/tasks.ts" } });
    expect(renamed.body.paths).toEqual(["functions/todos.ts", "functions/tasks.ts"]);
    expect((await getFile(owner, id, "functions/tasks.ts")).body).toMatchObject({ content: "export default () => [];\n", encoding: "utf8" });
    expect((await getFile(owner, id, "functions/todos.ts")).status).toBe(404);
    const deleted = await call(deleteRoute, { method: "DELETE", token: owner.token, params: { ...params, path: ["functions", "tasks.ts"] } });
    expect(deleted.body.commit.message).toBe("Delete functions/tasks.ts");
    const unchanged = await putFile(owner, id, "app.json", (await getFile(owner, id, "app.json")).body.content);
    expect(unchanged.body.commit).toBeNull();
  });

  it("keep binary content byte for byte as base64", async () => {
    const owner = await signUpUser("Binary");
    const { id } = await createTestProject(owner);
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0x10]);
    await putFile(owner, id, "public/logo.png", bytes.toString("base64"), { encoding: "base64" });
    const read = await getFile(owner, id, "public/logo.png");
    expect(read.body).toMatchObject({ encoding: "base64", size: 7 });
    expect(Buffer.from(read.body.content, "base64").equals(bytes)).toBe(true);
  });

  it("refuse base64 content that is not strict base64, naming the content field, and store nothing", async () => {
    const owner = await signUpUser("Base64");
    const { id } = await createTestProject(owner);
    for (const content of ["!!!!", "YQ", "-_-_", "YR==", "YQ==YQ=="]) {
      const put = await putFile(owner, id, "blob.bin", content, { encoding: "base64" });
      expect([put.status, put.body.error.field]).toEqual([400, "content"]);
      const batch = await call(changes, { method: "POST", token: owner.token, params: { projectId: id }, body: { message: "b", changes: [{ op: "create", path: "ok.txt", content: "x" }, { op: "write", path: "blob.bin", content, encoding: "base64" }] } });
      expect([batch.status, batch.body.error.field]).toEqual([400, "changes.1.content"]);
    }
    expect((await getFile(owner, id, "blob.bin")).status).toBe(404);
    expect((await getFile(owner, id, "ok.txt")).status).toBe(404);
  });

  it("are searched case-insensitively with line numbers", async () => {
    const owner = await signUpUser("Search");
    const { id } = await createTestProject(owner);
    await putFile(owner, id, "functions/a.ts", "one\nconst Needle = 1;\nthree needle\n");
    const res = await call(search, { token: owner.token, params: { projectId: id }, path: "/api/x?q=NEEDLE" });
    expect(res.body.matches).toEqual([
      { path: "functions/a.ts", line: 2, text: "const Needle = 1;" },
      { path: "functions/a.ts", line: 3, text: "three needle" },
    ]);
    const dash = await call(search, { token: owner.token, params: { projectId: id }, path: "/api/x?q=--version" });
    expect(dash.body).toEqual({ matches: [], truncated: false });
    expect((await call(search, { token: owner.token, params: { projectId: id }, path: "/api/x?q=" })).status).toBe(400);
  });

  it("are searched for option-like text as text, and a NUL or a line break in the query is a 400 naming q", async () => {
    const owner = await signUpUser("Options");
    const { id } = await createTestProject(owner);
    await putFile(owner, id, "notes.txt", "run --upload-pack=x here\nand -calias.x=!sh there\n");
    const find = (q: string) => call(search, { token: owner.token, params: { projectId: id }, path: `/api/x?q=${encodeURIComponent(q)}` });
    expect((await find("--upload-pack=x")).body.matches).toEqual([{ path: "notes.txt", line: 1, text: "run --upload-pack=x here" }]);
    expect((await find("-calias.x=!sh")).body.matches).toEqual([{ path: "notes.txt", line: 2, text: "and -calias.x=!sh there" }]);
    for (const bad of ["a\u0000b", "a\nb"]) {
      const res = await find(bad);
      expect([res.status, res.body.error.field]).toEqual([400, "q"]);
    }
  });

  it("over the size limit are refused with 413", async () => {
    const owner = await signUpUser("Big");
    const { id } = await createTestProject(owner);
    const res = await putFile(owner, id, "big.txt", "x".repeat(getConfig().maxFileBytes + 1));
    expect(res.status).toBe(413);
    expect((await getFile(owner, id, "big.txt")).status).toBe(404);
  });
});

describe("change sets", () => {
  it("land as one commit", async () => {
    const owner = await signUpUser("Batch");
    const { id } = await createTestProject(owner);
    const res = await call(changes, {
      method: "POST", token: owner.token, params: { projectId: id },
      body: { message: "Add todos feature", changes: [
        { op: "write", path: "functions/todos.ts", content: "export default () => [];" },
        { op: "create", path: "db/migrations/0001_todos.sql", content: "CREATE TABLE todos (id INTEGER PRIMARY KEY);" },
        { op: "delete", path: "functions/hello.ts" },
        { op: "rename", from: "components/Welcome.tsx", to: "components/Hello.tsx" },
      ] },
    });
    expect(res.status).toBe(200);
    expect(res.body.commit.message).toBe("Add todos feature");
    const paths = (await call(tree, { token: owner.token, params: { projectId: id } })).body.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(["functions/todos.ts", "db/migrations/0001_todos.sql", "components/Hello.tsx"]));
    expect(paths).not.toContain("functions/hello.ts");
  });

  it("that fail midway leave the workspace exactly as it was, with no commit", async () => {
    const owner = await signUpUser("Midway");
    const { id } = await createTestProject(owner);
    const before = (await call(tree, { token: owner.token, params: { projectId: id } })).body;
    // The third change fails only when it runs: README.md is a file, so it cannot hold a folder.
    const res = await call(changes, {
      method: "POST", token: owner.token, params: { projectId: id },
      body: { message: "Half", changes: [
        { op: "write", path: "app.json", content: "{}" },
        { op: "delete", path: "functions/hello.ts" },
        { op: "write", path: "README.md/oops.txt", content: "x" },
      ] },
    });
    expect(res.status).toBe(409);
    expect((await call(tree, { token: owner.token, params: { projectId: id } })).body).toEqual(before);
    expect(JSON.parse((await getFile(owner, id, "app.json")).body.content)).toHaveProperty("routes");
    expect(fs.readdirSync(path.join(treeDir(id), "functions"))).toContain("hello.ts");
  });
});

describe("workspace safety", () => {
  const corpus = [
    ["..", "etc", "passwd"], ["%2e%2e", "etc"], ["%252e%252e", "x"], ["..%2f..%2fetc"], [".git", "config"],
    ["a\\..\\..\\b"], ["/etc/passwd"], ["a\0b"], ["．．", "x"], ["x".repeat(300)],
  ];

  it.each(corpus)("refuses the path %j with 400 naming it, for reads and writes", async (...segments) => {
    const owner = await signUpUser("Traversal");
    const { id } = await createTestProject(owner);
    const read = await call(readRoute, { token: owner.token, params: { projectId: id, path: segments } });
    const write = await putFile(owner, id, segments.join("/"), "pwned");
    for (const res of [read, write]) {
      expect(res.status).toBe(400);
      expect(res.body.error.field).toBe("path");
    }
  });

  it("never follows a symlink planted in the tree, to read or to write", async () => {
    const owner = await signUpUser("Links");
    const { id } = await createTestProject(owner);
    const outside = fs.mkdtempSync(path.join(getConfig().dataDir, "outside-"));
    fs.writeFileSync(path.join(outside, "secret.txt"), "host secret");
    fs.symlinkSync(path.join(outside, "secret.txt"), path.join(treeDir(id), "link.txt"));
    fs.symlinkSync(outside, path.join(treeDir(id), "dir"));
    const read = await getFile(owner, id, "link.txt");
    expect(read.status).toBe(403);
    expect(JSON.stringify(read.body)).not.toContain("host secret");
    const write = await putFile(owner, id, "dir/planted.txt", "x");
    expect(write.status).toBe(409);
    expect(fs.existsSync(path.join(outside, "planted.txt"))).toBe(false);
  });

  it("leaves the old file intact when a write dies before its rename", async () => {
    const owner = await signUpUser("Crash");
    const { id } = await createTestProject(owner);
    const original = (await getFile(owner, id, "app.json")).body.content;
    // What a crash mid-write leaves: a partial temp file, outside the tree, never renamed into place.
    const tmp = path.join(getConfig().dataDir, "workspaces", id, "tmp");
    fs.mkdirSync(tmp, { recursive: true });
    fs.writeFileSync(path.join(tmp, "dead.tmp"), "{ partial");
    expect((await getFile(owner, id, "app.json")).body.content).toBe(original);
    const next = await putFile(owner, id, "notes.md", "still works");
    expect(next.status).toBe(200);
    expect((await call(tree, { token: owner.token, params: { projectId: id } })).body.map((f: { path: string }) => f.path)).not.toContain("dead.tmp");
  });

  it("lets viewers read but not write, and hides another tenant's files behind 404", async () => {
    const owner = await signUpUser("Owner");
    const viewer = await signUpUser("Viewer");
    const stranger = await signUpUser("Stranger");
    const { id } = await createTestProject(owner);
    await call(invite, { method: "POST", token: owner.token, params: { projectId: id }, body: { email: viewer.email, role: "viewer" } });
    expect((await getFile(viewer, id, "app.json")).status).toBe(200);
    const write = await putFile(viewer, id, "app.json", "{}");
    expect(write.status).toBe(403);
    expect((await getFile(stranger, id, "app.json")).status).toBe(404);
    expect((await putFile(stranger, id, "x.txt", "x")).status).toBe(404);
    expect((await call(tree, { token: stranger.token, params: { projectId: id } })).status).toBe(404);
  });
});
