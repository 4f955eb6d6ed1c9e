import { describe, expect, it } from "vitest";
import { Semver, compareVersions, suggestVersion } from "@/lib/releases/semver";

describe("release versions", () => {
  it("accepts MAJOR.MINOR.PATCH only", () => {
    for (const ok of ["0.0.1", "1.0.0", "12.34.567"]) expect(Semver.safeParse(ok).success).toBe(true);
    for (const bad of ["1.0", "v1.0.0", "1.0.0-beta", "01.0.0", "1.0.0.0", "", "1.0.0\n"]) expect(Semver.safeParse(bad).success).toBe(false);
  });

  it("orders versions by number, not text", () => {
    expect(compareVersions("1.10.0", "1.9.9")).toBeGreaterThan(0);
    expect(compareVersions("2.0.0", "10.0.0")).toBeLessThan(0);
    expect(compareVersions("1.2.3", "1.2.3")).toBe(0);
  });

  it("suggests 1.0.0 first, then a minor or patch step", () => {
    expect(suggestVersion(null, "patch")).toBe("1.0.0");
    expect(suggestVersion("1.0.0", "minor")).toBe("1.1.0");
    expect(suggestVersion("1.1.4", "patch")).toBe("1.1.5");
  });
});
