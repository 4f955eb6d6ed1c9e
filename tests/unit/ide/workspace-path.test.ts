import { describe, expect, it } from "vitest";
import { workspacePathOf } from "@/components/ide/code/code-api";

describe("a workspace path from the builder's URL", () => {
  it("joins plain segments", () => {
    expect(workspacePathOf(["functions", "orders.ts"])).toBe("functions/orders.ts");
  });

  it.each([[[]], [[".."]], [["..", "x"]], [["../../other/files/app.json"]], [["a", ".", "b"]], [["a//b"]], [[""]]])(
    "refuses %j, so a crafted link cannot aim the editor's requests elsewhere",
    (segments) => {
      expect(workspacePathOf(segments)).toBeNull();
    },
  );
});
