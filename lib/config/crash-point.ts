import { getConfig } from "./index";

/** The moments of a write, deploy or rollback a fault drill may stop the process at (MYCO_CRASH_POINTS). */
export type CrashPoint =
  | "workspace.written"
  | "deploy.pending" | "deploy.snapshot" | "deploy.migrated" | "deploy.live"
  | "rollback.pending" | "rollback.restored" | "rollback.live";

/**
 * Kills this process on the spot (SIGKILL: no cleanup, no flush) when a fault drill names `point`.
 * The crash tests use it to prove that a deploy cut at any step leaves each environment serving the old
 * or the new release, with a database that matches it, and that a write cut between its files and its
 * commit leaves the workspace to the next writer, on any node; production never sets MYCO_CRASH_POINTS.
 */
export function crashPoint(point: CrashPoint): void {
  if (getConfig().crashPoints.has(point)) process.kill(process.pid, "SIGKILL");
}
