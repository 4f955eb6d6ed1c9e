import { afterAll, describe, expect, it } from "vitest";
import { applyTenantMigrations, browseTenantRows, closeTenantDbs } from "@/lib/tenant-db";
import { newScope, rawDb, rejectionOf, seedTable } from "./support";

afterAll(() => closeTenantDbs());

describe("browseTenantRows", () => {
  it("pages through 250 rows with an opaque cursor, in row-id order, without gaps or repeats", async () => {
    const scope = newScope();
    await seedTable(scope, "things", 250);
    const seen: number[] = [];
    const sizes: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await browseTenantRows(scope, "dev", "things", { cursor, limit: 100 });
      expect(page.columns).toEqual(["id", "label"]);
      sizes.push(page.rows.length);
      seen.push(...page.rows.map((r) => r[0] as number));
      cursor = page.nextCursor ?? undefined;
      if (cursor) expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    } while (cursor);
    expect(sizes).toEqual([100, 100, 50]);
    expect(seen).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
  });

  it("returns 100 rows by default and null as the last page's cursor", async () => {
    const scope = newScope();
    await seedTable(scope, "few", 3);
    expect(await browseTenantRows(scope, "dev", "few")).toEqual({
      columns: ["id", "label"],
      rows: [[1, "row 1"], [2, "row 2"], [3, "row 3"]],
      nextCursor: null,
    });
  });

  it("continues after the cursor even when rows were added since (keyset, not offset)", async () => {
    const scope = newScope();
    await seedTable(scope, "growing", 4);
    const first = await browseTenantRows(scope, "dev", "growing", { limit: 2 });
    rawDb(scope).prepare("INSERT INTO growing (label) VALUES ('late')").run();
    const second = await browseTenantRows(scope, "dev", "growing", { cursor: first.nextCursor ?? "", limit: 10 });
    expect(second.rows.map((r) => r[0])).toEqual([3, 4, 5]);
  });

  it("browses a table without an integer key by its rowid, converting blobs", async () => {
    const scope = newScope();
    await applyTenantMigrations(scope, "dev", [{ name: "0001", sql: "CREATE TABLE files (name TEXT PRIMARY KEY, body BLOB, rowid TEXT)" }]);
    rawDb(scope).prepare("INSERT INTO files (name, body, rowid) VALUES ('a', x'0102', 'shadow')").run();
    const page = await browseTenantRows(scope, "dev", "files");
    expect(page).toEqual({ columns: ["name", "body", "rowid"], rows: [["a", { base64: "AQI=" }, "shadow"]], nextCursor: null });
  });

  it.each([
    ["garbage", "!!!"],
    ["a foreign encoding", Buffer.from("offset:100").toString("base64url")],
    ["an out-of-range row id", Buffer.from("r99999999999999999999").toString("base64url")],
    ["padding", `${Buffer.from("r1").toString("base64url")}=`],
  ])("refuses a bad cursor (%s) as bad_request", async (_name, cursor) => {
    const scope = newScope();
    await seedTable(scope, "t", 1);
    expect(await rejectionOf(browseTenantRows(scope, "dev", "t", { cursor }))).toMatchObject({ code: "bad_request", field: "cursor" });
  });

  it.each([["missing"], ["_myco_migrations"], ["sqlite_schema"], ["v"], ['t" --']])(
    "answers not_found for %s, which is not one of the tenant's tables",
    async (table) => {
      const scope = newScope();
      await seedTable(scope, "t", 1);
      await applyTenantMigrations(scope, "dev", [{ name: "0002_view", sql: "CREATE VIEW v AS SELECT * FROM t" }]);
      expect(await rejectionOf(browseTenantRows(scope, "dev", table))).toMatchObject({ code: "not_found", field: "table" });
    },
  );

  it("never shows one project another project's table", async () => {
    const a = newScope();
    await seedTable(a, "private", 2);
    expect(await rejectionOf(browseTenantRows(newScope(), "dev", "private"))).toMatchObject({ code: "not_found" });
  });

  it("refuses a WITHOUT ROWID table", async () => {
    const scope = newScope();
    await applyTenantMigrations(scope, "dev", [{ name: "0001", sql: "CREATE TABLE kv (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID" }]);
    expect(await rejectionOf(browseTenantRows(scope, "dev", "kv"))).toMatchObject({ code: "unprocessable", field: "table" });
  });
});
