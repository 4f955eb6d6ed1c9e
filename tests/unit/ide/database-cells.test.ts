import { describe, expect, it } from "vitest";
import { cellText, describeKey, keyOf, showCell, toCellInput } from "@/components/ide/database/cells";
import type { TenantColumn } from "@/lib/tenant-db";

const column = (type: string, nullable = true): TenantColumn => ({ name: "c", type, nullable, default: null, primaryKey: false });

describe("the row editor's cells", () => {
  it("turns typed text into numbers, booleans, NULL or text as the column's type says", () => {
    expect(toCellInput("42", column("INTEGER"), "null")).toBe(42);
    expect(toCellInput("1.5", column("REAL"), "null")).toBe(1.5);
    expect(toCellInput("true", column("BOOLEAN"), "null")).toBe(true);
    expect(toCellInput("42", column("TEXT"), "null")).toBe("42");
    expect(toCellInput("abc", column("INTEGER"), "null")).toBe("abc");
    expect(toCellInput(" ", column("INTEGER"), "null")).toBe(" ");
  });

  it("leaves a blank out of a new row (its default applies) and makes it NULL, or empty text where NULL is refused, on an edit", () => {
    expect(toCellInput("", column("TEXT"), "default")).toBeUndefined();
    expect(toCellInput("", column("TEXT"), "null")).toBeNull();
    expect(toCellInput("", column("TEXT", false), "null")).toBe("");
  });

  it("shows NULL and blobs as such, and a key as name = value", () => {
    expect(showCell(null)).toBe("NULL");
    expect(showCell({ base64: "AAAA" })).toBe("(blob, 3 bytes)");
    expect(cellText(null)).toBe("");
    const key = keyOf(["a", "b"], ["b", "x", "a"], [2, "x", 1]);
    expect(key).toEqual({ a: 1, b: 2 });
    expect(describeKey(key ?? {})).toBe("a = 1, b = 2");
    expect(keyOf([], ["x"], [1])).toBeNull();
  });
});
