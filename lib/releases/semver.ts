import { z } from "zod";

/** A release version: MAJOR.MINOR.PATCH, no pre-release or build part. */
export const Semver = z.string().regex(/^(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})$/, "must be a version like 1.2.3");

type Parts = [number, number, number];

function partsOf(version: string): Parts {
  const [major = 0, minor = 0, patch = 0] = version.split(".").map(Number);
  return [major, minor, patch];
}

/** Negative when `a` is older than `b`, positive when newer, 0 when equal. */
export function compareVersions(a: string, b: string): number {
  const [pa, pb] = [partsOf(a), partsOf(b)];
  return pa[0] - pb[0] || pa[1] - pb[1] || pa[2] - pb[2];
}

/**
 * The version to suggest after `previous`: 1.0.0 first; a minor step when the app gained or lost parts
 * or its schema changed, a patch step when only code or content changed.
 */
export function suggestVersion(previous: string | null, change: "minor" | "patch"): string {
  if (!previous) return "1.0.0";
  const [major, minor, patch] = partsOf(previous);
  return change === "minor" ? `${major}.${minor + 1}.0` : `${major}.${minor}.${patch + 1}`;
}
