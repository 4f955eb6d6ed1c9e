import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createMigration, getTenantSchema, restoreTenantSnapshot, runTenantQuery, snapshotTenantDb } from "@/lib/tenant-db";
import { getConfig } from "@/lib/config";
import { log } from "@/lib/log";
import { ownerScope } from "@/tests/support/scope";

const table = (name: string) => ({ name: `create_${name}`, confirmDestructive: false, operations: [{ op: "create_table" as const, table: name, columns: [{ name: "id", type: "integer" as const, primaryKey: true }, { name: "title", type: "text" as const }] }] });

describe("tenant database snapshots", () => {
  it("puts a database back exactly as it was when the snapshot was taken", async () => {
    const scope = await ownerScope("Snapshot");
    await createMigration(scope, table("notes"), log);
    await snapshotTenantDb(scope, "dev", "11111111-1111-4111-8111-111111111111");
    await createMigration(scope, table("tasks"), log);
    expect((await getTenantSchema(scope, "dev")).tables.map((t) => t.name)).toEqual(["notes", "tasks"]);

    expect(await restoreTenantSnapshot(scope, "dev", "11111111-1111-4111-8111-111111111111", log)).toBe(true);
    expect((await getTenantSchema(scope, "dev")).tables.map((t) => t.name)).toEqual(["notes"]);
    const applied = await runTenantQuery(scope, "dev", { sql: "SELECT count(*) AS n FROM notes" });
    expect(applied.rows).toEqual([[0]]);
  });

  it("answers false for a snapshot that was never taken, and keeps the last twenty", async () => {
    const scope = await ownerScope("Pruned");
    expect(await restoreTenantSnapshot(scope, "dev", "22222222-2222-4222-8222-222222222222", log)).toBe(false);
    for (let i = 0; i < 22; i++) await snapshotTenantDb(scope, "dev", `snap-${String(i).padStart(2, "0")}`);
    const dir = path.join(getConfig().dataDir, "tenants", scope.projectId, "snapshots");
    const kept = fs.readdirSync(dir).sort();
    expect(kept).toHaveLength(20);
    expect(kept[0]).toBe("dev-snap-02.sqlite");
    expect(kept.at(-1)).toBe("dev-snap-21.sqlite");
  });
});
