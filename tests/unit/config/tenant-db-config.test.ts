import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "@/lib/config";

const dataDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "myco-config-"));

describe("tenant SQL lane limits", () => {
  it("default to 8 runners, 32 waiting queries per project, a 25 % CPU share and 30 s idle runners", () => {
    expect(parseConfig({ MYCO_DATA_DIR: dataDir() }).tenantDb).toEqual({ maxRunners: 8, queuePerTenant: 32, cpuSharePercent: 25, runnerIdleMs: 30_000 });
  });

  it("take the MYCO_TENANT_DB_* variables", () => {
    const config = parseConfig({
      MYCO_DATA_DIR: dataDir(),
      MYCO_TENANT_DB_RUNNERS: "2",
      MYCO_TENANT_DB_QUEUE: "5",
      MYCO_TENANT_DB_CPU_SHARE: "100",
      MYCO_TENANT_DB_IDLE_MS: "1000",
    });
    expect(config.tenantDb).toEqual({ maxRunners: 2, queuePerTenant: 5, cpuSharePercent: 100, runnerIdleMs: 1_000 });
  });

  it.each([
    ["MYCO_TENANT_DB_RUNNERS", "0"],
    ["MYCO_TENANT_DB_QUEUE", "many"],
    ["MYCO_TENANT_DB_CPU_SHARE", "150"],
    ["MYCO_TENANT_DB_IDLE_MS", "10"],
  ])("stop start-up with a message naming %s=%s", (name, value) => {
    const run = () => parseConfig({ MYCO_DATA_DIR: dataDir(), [name]: value });
    expect(run).toThrow(ConfigError);
    expect(run).toThrow(new RegExp(`^Invalid environment configuration:\\n  ${name}: `));
  });
});
