// Everything a request could store, as one comparable value: registry rows, each project's workspace
// (HEAD and the files of its tree) and the rows of each tenant SQLite database.
import fs from "node:fs";
import path from "node:path";
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import Database from "better-sqlite3";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { authorize } from "@/lib/auth";
import { listInvocations } from "@/lib/functions";

// Registry models that are pure build caches: a read builds a component or function once and records
// its content-addressed bundle, the same row for the same bytes. A GET may add them; nothing else.
const BUILD_CACHES = ["mfeVersion", "functionVersion"] as const;
const MODELS = [
  "user", "project", "membership", "invitation", "apiToken", "release", "releaseArtifact", "environment", "deployment",
  "functionInvocation", "projectSecret", "agentRun", "chatMessage", "aiUsage", "auditEvent", ...BUILD_CACHES,
] as const;
// Informational, written at most once a minute by any token call (see lib/auth/api-tokens.ts).
const VOLATILE_FIELDS = new Set(["lastUsedAt"]);

const hash = (data: string | Buffer) => createHash("sha256").update(data).digest("hex").slice(0, 16);

function treeFiles(dir: string, base = dir): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return treeFiles(full, base);
    return [`${path.relative(base, full)}:${hash(fs.readFileSync(full))}`];
  });
}

function workspaceState(projectId: string): string[] {
  const root = path.join(getConfig().dataDir, "workspaces", projectId);
  if (!fs.existsSync(root)) return ["no workspace"];
  const head = execFileSync("git", ["--git-dir", path.join(root, "git"), "rev-parse", "HEAD"], { encoding: "utf8" }).trim();
  return [`HEAD ${head}`, ...treeFiles(path.join(root, "tree")).sort()];
}

function tenantDbState(projectId: string): string[] {
  const dir = path.join(getConfig().dataDir, "tenants", projectId);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".sqlite"))
    .sort()
    .flatMap((file) => {
      const db = new Database(path.join(dir, file), { readonly: true });
      try {
        const tables = db.prepare("SELECT name, sql FROM sqlite_master ORDER BY name").all() as { name: string; sql: string | null }[];
        return tables.map((t) => {
          const rows = t.sql?.startsWith("CREATE TABLE") ? db.prepare(`SELECT * FROM "${t.name.replace(/"/g, '""')}"`).raw().all() : [];
          return `${file} ${t.name} ${hash(`${t.sql}\n${JSON.stringify(rows, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))}`)}`;
        });
      } finally {
        db.close();
      }
    });
}

/** Waits for queued invocation records to be written (they are batched off the request path). */
async function flushInvocations(ownerToken: { userId: string; projectId: string }): Promise<void> {
  const db = await getDb();
  const owner = await db.user.findUniqueOrThrow({ where: { id: ownerToken.userId } });
  const scope = await authorize({ userId: owner.id, email: owner.email, name: owner.name, isAdmin: owner.isAdmin, via: "token" }, ownerToken.projectId, "viewer");
  await listInvocations(scope, "flush", { limit: 1 });
}

/**
 * All stored state, one line per row, workspace file and tenant table. `withBuildCaches: false`
 * leaves out the build-cache models, which a safe method may fill.
 */
export async function snapshotState(owner: { userId: string; projectId: string }, withBuildCaches = true): Promise<string[]> {
  await flushInvocations(owner);
  const db = (await getDb()) as unknown as Record<string, { findMany: (args: object) => Promise<Record<string, unknown>[]> }>;
  const lines: string[] = [];
  for (const model of MODELS) {
    if (!withBuildCaches && (BUILD_CACHES as readonly string[]).includes(model)) continue;
    const rows = await db[model]?.findMany({ orderBy: { id: "asc" } });
    for (const row of rows ?? []) {
      const kept = Object.fromEntries(Object.entries(row).filter(([k]) => !VOLATILE_FIELDS.has(k)));
      lines.push(`${model} ${JSON.stringify(kept)}`);
    }
  }
  const projects = (await (await getDb()).project.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((p) => p.id);
  for (const id of projects) lines.push(...workspaceState(id).map((l) => `workspace ${id} ${l}`), ...tenantDbState(id).map((l) => `tenant ${id} ${l}`));
  return lines;
}
