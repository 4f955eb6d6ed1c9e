import { getConfig } from "@/lib/config";

/** The moments of a deploy or rollback a fault drill may stop the process at (MYCO_CRASH_POINTS). */
export type CrashPoint =
  | "deploy.pending" | "deploy.snapshot" | "deploy.migrated" | "deploy.live"
  | "rollback.pending" | "rollback.restored" | "rollback.live";

/**
 * Kills this process on the spot (SIGKILL: no cleanup, no flush) when a fault drill names `point`.
 * The crash tests use it to prove that a deploy cut at any step leaves each environment serving the old
 * or the new release, with a database that matches it; production never sets MYCO_CRASH_POINTS.
 */
export function crashPoint(point: CrashPoint): void {
  if (getConfig().crashPoints.has(point)) process.kill(process.pid, "SIGKILL");
}
