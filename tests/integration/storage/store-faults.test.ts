// A full or read-only disk under a store, made with real tmpfs mounts: /api/ready names the store, and
// writes answer 507 or 503 naming it, with nothing half-written.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { GET as ready } from "@/app/api/ready/route";
import { POST as migrations } from "@/app/api/projects/[projectId]/db/migrations/route";
import { GET as schema } from "@/app/api/projects/[projectId]/db/schema/route";
import { getConfig } from "@/lib/config";
import { closeTenantDbs } from "@/lib/tenant-db";
import { call, type CallResult } from "@/tests/support/http";
import { createTestProject, signUpUser } from "@/tests/support/accounts";
import { getFile, putFile } from "@/tests/support/workspace";
import { describeWithMounts, fillDisk, mountSmallDisk, setReadOnly, unmount } from "@/tests/support/mounts";

// The small disks below hold a few MiB, so a store counts as full only with under 1 MiB free.
process.env.MYCO_MIN_FREE_MB = "1";

const PROBE_TTL_MS = 2_000;

/** /api/ready, asked again past the probe cache until it answers `status` (or the last answer). */
async function readyAnswering(status: number): Promise<CallResult> {
  const deadline = Date.now() + 3 * PROBE_TTL_MS;
  for (;;) {
    const res = await call(ready);
    if (res.status === status || Date.now() > deadline) return res;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describeWithMounts("a store on a full or read-only disk", () => {
  const dirs = () => ({ workspaces: path.join(getConfig().dataDir, "workspaces"), tenants: path.join(getConfig().dataDir, "tenants") });

  beforeAll(() => {
    mountSmallDisk(dirs().workspaces, 16);
    mountSmallDisk(dirs().tenants, 4);
  });

  afterAll(() => {
    unmount(dirs().workspaces);
    unmount(dirs().tenants);
  });

  it("makes /api/ready answer 503 naming the read-only store, without its path, and 200 once it is writable", async () => {
    expect((await readyAnswering(200)).status).toBe(200);
    setReadOnly(dirs().tenants, true);
    try {
      const res = await readyAnswering(503);
      expect(res).toMatchObject({ status: 503, body: { error: { code: "unavailable" } } });
      expect(res.body.error.message).toContain("The tenant databases store is not writable (read-only file system).");
      expect(res.body.error.message).not.toContain(getConfig().dataDir);
    } finally {
      setReadOnly(dirs().tenants, false);
    }
    expect((await readyAnswering(200)).body).toMatchObject({ status: "ready", stores: expect.arrayContaining(["tenants", "workspaces"]) });
  });

  it("makes /api/ready answer 503 naming the full disk, and 200 once space is freed", async () => {
    const fill = fillDisk(dirs().tenants);
    try {
      const res = await readyAnswering(503);
      expect(res.status).toBe(503);
      expect(res.body.error.message).toContain("The disk holding tenant databases is full.");
    } finally {
      fs.rmSync(fill);
    }
    expect((await readyAnswering(200)).status).toBe(200);
  });

  it("answers a file write on a full disk with 507 naming the store, and keeps the file as it was", async () => {
    const owner = await signUpUser("Full disk");
    const { id } = await createTestProject(owner);
    expect((await putFile(owner, id, "notes.md", "first\n")).status).toBe(200);
    const fill = fillDisk(dirs().workspaces);
    try {
      const res = await putFile(owner, id, "notes.md", "second ".repeat(10_000));
      expect(res).toMatchObject({ status: 507, body: { error: { code: "insufficient_storage", message: expect.stringContaining("The disk holding workspaces is full.") } } });
      expect(fs.readdirSync(path.join(dirs().workspaces, id, "tmp"))).toEqual([]);
    } finally {
      fs.rmSync(fill);
    }
    expect((await getFile(owner, id, "notes.md")).body).toMatchObject({ content: "first\n" });
  });

  it("answers a file write on a read-only disk with 503 naming the store, and keeps the file as it was", async () => {
    const owner = await signUpUser("Read-only disk");
    const { id } = await createTestProject(owner);
    expect((await putFile(owner, id, "notes.md", "first\n")).status).toBe(200);
    setReadOnly(dirs().workspaces, true);
    try {
      const res = await putFile(owner, id, "notes.md", "second\n");
      expect(res).toMatchObject({ status: 503, body: { error: { code: "unavailable", message: expect.stringContaining("The workspaces store is not writable (read-only file system).") } } });
      expect(JSON.stringify(res.body)).not.toContain(getConfig().dataDir);
      expect((await getFile(owner, id, "notes.md")).body).toMatchObject({ content: "first\n" });
    } finally {
      setReadOnly(dirs().workspaces, false);
    }
  });

  it("answers a tenant database migration on a read-only disk with 503 naming the store, and keeps the database", async () => {
    const owner = await signUpUser("Read-only tenant");
    const { id } = await createTestProject(owner);
    const migrate = (name: string, table: string) => call(migrations, {
      method: "POST", token: owner.token, params: { projectId: id },
      body: { name, operations: [{ op: "create_table", table, columns: [{ name: "title", type: "text", nullable: false }] }] },
    });
    expect((await migrate("add_todos", "todos")).status).toBe(201);
    closeTenantDbs(); // a mount with files open for writing cannot be made read-only
    setReadOnly(dirs().tenants, true);
    try {
      const res = await migrate("add_tags", "tags");
      expect(res).toMatchObject({ status: 503, body: { error: { code: "unavailable", message: expect.stringContaining("The tenant databases store is not writable (read-only file system).") } } });
    } finally {
      setReadOnly(dirs().tenants, false);
    }
    const tables = (await call(schema, { token: owner.token, params: { projectId: id } })).body.tables.map((t: { name: string }) => t.name);
    expect(tables).toContain("todos");
    expect(tables).not.toContain("tags");
  });
});
