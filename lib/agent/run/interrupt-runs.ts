import { getDb } from "@/lib/db";
import { metrics, type Logger } from "@/lib/log";
import { PROCESS_STARTED_MS } from "@/lib/storage";
import { runsActive } from "./active-runs";

/** What a run the server stopped under says it did; the builder shows it with the reason "interrupted". */
export const INTERRUPTED_SUMMARY = "The server stopped while this run was going.";

// A run younger than this is never taken for an orphan by a running node's sweep.
const SWEEP_MIN_AGE_MS = 60_000;

/** Runs still "running" that started before `startedBefore` and that no node drives (holds the lease of). */
async function orphanedRuns(startedBefore: Date): Promise<string[]> {
  const db = await getDb();
  const running = await db.agentRun.findMany({ where: { status: "running", startedAt: { lt: startedBefore } }, select: { id: true, projectId: true } });
  const driven = await runsActive(running);
  return running.filter((_, i) => !driven[i]).map((r) => r.id);
}

// Failed with the reason "interrupted" (what the builder already shows for them), keeping their commits.
async function markInterrupted(ids: string[], log: Logger): Promise<number> {
  if (ids.length === 0) return 0;
  const db = await getDb();
  const { count } = await db.agentRun.updateMany({
    where: { id: { in: ids }, status: "running" },
    data: { status: "failed", reason: "interrupted", summary: INTERRUPTED_SUMMARY, finishedAt: new Date() },
  });
  if (count > 0) {
    metrics.agentRun("interrupted", [], count);
    log.warn("agent.runs_interrupted", { count });
  }
  return count;
}

/**
 * Start-up, after a crash or restart: runs still "running" from before this process that no node drives
 * (a live run holds its lease from before its record exists) become interrupted; their leases went with
 * the process that died.
 */
export async function interruptRuns(log: Logger): Promise<number> {
  return markInterrupted(await orphanedRuns(new Date(PROCESS_STARTED_MS)), log);
}

/**
 * For a running node among several: each call marks interrupted the runs (older than a minute) that no
 * node drives now and none drove at the previous call either. One pass is not enough: a node whose lease
 * connection dropped goes on with its run until it notices, then records how the run really ended.
 */
export function orphanSweeper(log: Logger): () => Promise<number> {
  let suspects = new Set<string>();
  return async () => {
    const orphans = await orphanedRuns(new Date(Date.now() - SWEEP_MIN_AGE_MS));
    const confirmed = orphans.filter((id) => suspects.has(id));
    suspects = new Set(orphans.filter((id) => !suspects.has(id)));
    return markInterrupted(confirmed, log);
  };
}
