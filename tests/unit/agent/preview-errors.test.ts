import { afterEach, describe, expect, it, vi } from "vitest";
import { clearPreviewErrors, listPreviewErrors, recordPreviewError } from "@/lib/agent";

afterEach(() => vi.useRealTimers());

describe("preview errors", () => {
  it("keeps errors per project with the time they were reported", () => {
    vi.useFakeTimers({ now: new Date("2030-01-01T00:00:00Z") });
    recordPreviewError("p1", { message: "boom", component: "Chart", nodeId: "chart" });
    recordPreviewError("p2", { message: "other" });
    expect(listPreviewErrors("p1")).toEqual([{ message: "boom", component: "Chart", nodeId: "chart", at: "2030-01-01T00:00:00.000Z" }]);
    expect(listPreviewErrors("p2")).toEqual([{ message: "other", at: "2030-01-01T00:00:00.000Z" }]);
    expect(listPreviewErrors("p3")).toEqual([]);
  });

  it("keeps one entry for a repeated error, at its latest time", () => {
    vi.useFakeTimers({ now: new Date("2030-01-01T00:00:00Z") });
    recordPreviewError("repeat", { message: "loop", nodeId: "a" });
    recordPreviewError("repeat", { message: "else" });
    vi.advanceTimersByTime(1_000);
    recordPreviewError("repeat", { message: "loop", nodeId: "a" });
    expect(listPreviewErrors("repeat").map((e) => [e.message, e.at])).toEqual([
      ["else", "2030-01-01T00:00:00.000Z"],
      ["loop", "2030-01-01T00:00:01.000Z"],
    ]);
  });

  it("keeps only the newest 20 of a project", () => {
    for (let i = 0; i < 25; i++) recordPreviewError("many", { message: `error ${i}` });
    const kept = listPreviewErrors("many");
    expect(kept).toHaveLength(20);
    expect(kept[0]?.message).toBe("error 5");
    expect(kept.at(-1)?.message).toBe("error 24");
  });

  it("forgets errors after ten minutes, and on clear", () => {
    vi.useFakeTimers({ now: new Date("2030-01-01T00:00:00Z") });
    recordPreviewError("ttl", { message: "old" });
    vi.advanceTimersByTime(9 * 60_000);
    recordPreviewError("ttl", { message: "new" });
    vi.advanceTimersByTime(60_000);
    expect(listPreviewErrors("ttl").map((e) => e.message)).toEqual(["new"]);
    clearPreviewErrors("ttl");
    expect(listPreviewErrors("ttl")).toEqual([]);
  });

  it("refuses an empty or oversized message", () => {
    expect(() => recordPreviewError("bad", { message: "  " })).toThrow();
    expect(() => recordPreviewError("bad", { message: "x".repeat(2_001) })).toThrow();
    expect(listPreviewErrors("bad")).toEqual([]);
  });
});
