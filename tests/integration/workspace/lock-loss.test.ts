// A writer whose lock connection drops mid-write (a PostgreSQL restart, a pooler, a network cut): it
// stops before its commit, leaves its marker, and the next writer puts the workspace right. Needs the
// PostgreSQL coordination (the database suite's run, TEST_DATABASE_URL); skipped on PGlite.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { getConfig } from "@/lib/config";
import { coordinationKind, nodeId } from "@/lib/coordination";
import { log } from "@/lib/log";
import { applyChanges, getHeadSha, listFiles, onWorkspaceWrite } from "@/lib/workspace";
import { ownerScope } from "@/tests/support/scope";

const write = (file: string) => ({ message: `Write ${file}`, changes: [{ op: "write" as const, path: file, content: `${file}\n`, encoding: "utf8" as const }] });

// The write listeners run once the files are on disk and before the commit: there, the lock's
// connection is cut from outside, as a database restart would.
let cutBeforeCommit: string | null = null;
onWorkspaceWrite(async (_scope, written) => {
  if (!written.written.includes(cutBeforeCommit ?? "")) return false;
  const admin = new pg.Client({ connectionString: getConfig().databaseUrl });
  await admin.connect();
  await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1", [`myco lock ${nodeId}`.slice(0, 63)]);
  await admin.end();
  await new Promise((resolve) => setTimeout(resolve, 200)); // the client hears its connection close
  return false;
});

describe.skipIf(!process.env.TEST_DATABASE_URL)("a workspace writer that loses its lock", () => {
  it("stops before committing, leaves the workspace to the next writer, who puts it right", async () => {
    expect(coordinationKind()).toBe("postgres");
    const scope = await ownerScope("Lock loss");
    const head = await getHeadSha(scope);
    cutBeforeCommit = "lost.md";
    await expect(applyChanges(scope, write("lost.md"), log)).rejects.toMatchObject({ code: "unavailable" });
    cutBeforeCommit = null;
    const marker = path.join(getConfig().dataDir, "workspaces", scope.projectId, "git", "myco-writing");
    expect(fs.existsSync(marker)).toBe(true); // left for the next holder: this writer no longer held the lock
    const after = await applyChanges(scope, write("next.md"), log);
    expect(after.commit).not.toBeNull();
    const files = (await listFiles(scope)).map((f) => f.path);
    expect(files).toContain("next.md");
    expect(files).not.toContain("lost.md");
    expect(fs.existsSync(path.join(getConfig().dataDir, "workspaces", scope.projectId, "tree", "lost.md"))).toBe(false);
    expect(fs.existsSync(marker)).toBe(false);
    expect(await getHeadSha(scope)).not.toBe(head);
  });
});
