// Start-up on a data folder Myco cannot write: one message naming the cause and exit code 1, instead of
// a failure on every request.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, expect, it } from "vitest";
import { getConfig } from "@/lib/config";
import { findStartProblem } from "@/lib/http/start-checks";
import { describeWithMounts, fillDisk, mountSmallDisk, setReadOnly, unmount } from "@/tests/support/mounts";

process.env.MYCO_MIN_FREE_MB = "1";

describeWithMounts("start-up", () => {
  const readOnlyDir = path.join(os.tmpdir(), `myco-ro-${randomBytes(6).toString("hex")}`);
  const tenants = () => path.join(getConfig().dataDir, "tenants");

  beforeAll(() => {
    mountSmallDisk(readOnlyDir, 1);
    setReadOnly(readOnlyDir, true);
    mountSmallDisk(tenants(), 2);
  });

  afterAll(() => {
    unmount(readOnlyDir);
    fs.rmdirSync(readOnlyDir);
    unmount(tenants());
  });

  it("exits 1 with one message naming a read-only data folder and what to do", () => {
    const env = {
      NODE_ENV: "test" as const,
      PATH: process.env.PATH,
      MYCO_DATA_DIR: readOnlyDir,
      AUTH_SECRET: randomBytes(32).toString("hex"),
      MYCO_SECRETS_KEY: randomBytes(32).toString("base64"),
      LOG_LEVEL: "silent",
    };
    const child = spawnSync(process.execPath, ["--no-node-snapshot", "tests/support/start-server.mjs"], { env, encoding: "utf8", timeout: 60_000 });
    expect(child.status).toBe(1);
    expect(child.stdout).not.toContain("started");
    expect(child.stderr).toContain(`Myco cannot start: the data folder ${readOnlyDir} is read-only (EROFS).`);
    expect(child.stderr).toContain("Remount it read-write");
    expect(child.stderr).not.toContain("PGlite");
  });

  it("exits 1 naming the data folder when it cannot even keep its generated secrets there", () => {
    const env = { NODE_ENV: "test" as const, PATH: process.env.PATH, MYCO_DATA_DIR: path.join(readOnlyDir, "data"), LOG_LEVEL: "silent" };
    const child = spawnSync(process.execPath, ["--no-node-snapshot", "tests/support/start-server.mjs"], { env, encoding: "utf8", timeout: 60_000 });
    expect(child.status).toBe(1);
    expect(child.stderr).toContain(`Myco cannot start: MYCO_DATA_DIR: cannot create ${readOnlyDir}/data/auth-secret (EROFS)`);
  });

  it("names a store whose disk is full, and finds nothing once it has room", async () => {
    const fill = fillDisk(tenants());
    try {
      const problem = await findStartProblem();
      expect(problem?.cause).toBe(`the tenant databases store ${tenants()} is on a full disk (ENOSPC).`);
      expect(problem?.advice).toContain("Free space on that disk");
    } finally {
      fs.rmSync(fill);
    }
    expect(await findStartProblem()).toBeNull();
  });
});
