import { describe, expect, it } from "vitest";
import { QueryInput, RowsQuery, TenantEnv } from "@/lib/tenant-db";

describe("input schemas", () => {
  it("TenantEnv defaults to dev and knows only the three environments", () => {
    expect(TenantEnv.parse(undefined)).toBe("dev");
    expect(TenantEnv.safeParse("../../etc").success).toBe(false);
  });

  it("QueryInput is strict and bounded", () => {
    expect(QueryInput.parse({ sql: "SELECT 1" })).toEqual({ env: "dev", sql: "SELECT 1" });
    expect(QueryInput.parse({ env: "prod", sql: "SELECT ?", params: ["a", 1, true, null], limit: 5, timeoutMs: 500 })).toMatchObject({
      env: "prod",
      limit: 5,
    });
    for (const bad of [
      { sql: "SELECT 1", extra: 1 },
      { sql: "" },
      { sql: "x".repeat(20_001) },
      { sql: "SELECT 1", params: Array.from({ length: 101 }, () => 1) },
      { sql: "SELECT 1", params: [{ a: 1 }] },
      { sql: "SELECT 1", limit: 1001 },
      { sql: "SELECT 1", limit: 0 },
      { sql: "SELECT 1", timeoutMs: 10_001 },
      { sql: "SELECT 1", env: "test" },
    ]) {
      expect(QueryInput.safeParse(bad).success, JSON.stringify(bad).slice(0, 80)).toBe(false);
    }
  });

  it("RowsQuery coerces the query string and is bounded", () => {
    expect(RowsQuery.parse({ env: "staging", limit: "25", cursor: "cjEwMA" })).toEqual({ env: "staging", limit: 25, cursor: "cjEwMA" });
    expect(RowsQuery.parse({})).toEqual({ env: "dev" });
    for (const bad of [{ limit: "0" }, { limit: "1001" }, { limit: "ten" }, { cursor: "a/b" }, { cursor: "" }, { page: "2" }]) {
      expect(RowsQuery.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
