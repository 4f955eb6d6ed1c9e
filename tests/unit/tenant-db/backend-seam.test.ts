// lib/tenant-db's operations reach a tenant's data only through TenantDbBackend (backend.ts): no file of
// theirs opens a file, a SQLite handle or a runner lane itself. That is what makes another backend
// (docs/scaling-out.md) a new implementation rather than a rewrite; this test keeps it so.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const dir = path.join(process.cwd(), "lib/tenant-db");
/** The SQLite-file backend and what only it uses. */
const SQLITE_BACKEND = ["sqlite-file-backend.ts", "open-tenant-db.ts", "query-lanes.ts", "lane-registry.ts", "query-runner-process.ts", "busy-window.ts", "disk-error.ts"];
/** What those files are made of: storage, SQLite, and the lanes' runner processes. */
const INTERNALS = ["node:fs", "node:child_process", "better-sqlite3", ...SQLITE_BACKEND.map((file) => `./${file.replace(/\.ts$/, "")}`)];
/** current-backend.ts picks the backend; index.ts also exports the lanes' figures for operators. */
const ALLOWED: Record<string, string[]> = { "current-backend.ts": ["./sqlite-file-backend"], "index.ts": ["./lane-registry"] };

// "fs", "node:fs/promises" and "./open-tenant-db.js" are the same modules as the names above.
const normalise = (spec: string) => spec.replace(/^(node:)?(fs|child_process)(\/.*)?$/, "node:$2").replace(/\.(m?js|ts)$/, "");
const importsOf = (source: string) =>
  [...source.matchAll(/\b(?:from|import)\s+["']([^"']+)["']|\b(?:import|require)\(\s*["']([^"']+)["']\s*\)/g)].map((m) => normalise(m[1] ?? m[2] ?? ""));

describe("the tenant database backend seam", () => {
  const operations = fs.readdirSync(dir).filter((file) => file.endsWith(".ts") && !SQLITE_BACKEND.includes(file));

  it("finds the operations and the backend's files where this test expects them", () => {
    expect(operations).toEqual(expect.arrayContaining(["run-query.ts", "exec-statement.ts", "apply-migrations.ts", "snapshots.ts", "backend.ts", "index.ts"]));
    for (const file of SQLITE_BACKEND) expect(fs.existsSync(path.join(dir, file)), file).toBe(true);
  });

  it.each(operations)("%s reaches storage only through the backend", (file) => {
    const used = importsOf(fs.readFileSync(path.join(dir, file), "utf8"));
    const bypassing = used.filter((spec) => INTERNALS.includes(spec) && !(ALLOWED[file] ?? []).includes(spec));
    expect(bypassing).toEqual([]);
  });
});
