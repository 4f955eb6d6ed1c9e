import { getDb } from "@/lib/db";
import { metrics, type Logger } from "@/lib/log";
import { PROCESS_STARTED_MS } from "@/lib/storage";
import { runsActive } from "./active-runs";

/** What a run the server stopped under says it did; the builder shows it with the reason "interrupted". */
export const INTERRUPTED_SUMMARY = "The server stopped while this run was going.";

/**
 * Runs still "running" that started before `startedBefore` and that no node drives (a live run holds its
 * lease from before its record exists) become failed with the reason "interrupted" (what the builder
 * already shows for them), keeping their commits; their leases went with the process that died. At
 * start-up that is every run from before this process; on a running node, the runs of a node that died
 * since (a node sweeps every minute: docs/operations.md).
 */
export async function interruptRuns(log: Logger, startedBefore = new Date(PROCESS_STARTED_MS)): Promise<number> {
  const db = await getDb();
  const running = await db.agentRun.findMany({ where: { status: "running", startedAt: { lt: startedBefore } }, select: { id: true, projectId: true } });
  const driven = await runsActive(running);
  const orphans = running.filter((_, i) => !driven[i]).map((r) => r.id);
  const { count } = await db.agentRun.updateMany({
    where: { id: { in: orphans }, status: "running" },
    data: { status: "failed", reason: "interrupted", summary: INTERRUPTED_SUMMARY, finishedAt: new Date() },
  });
  if (count > 0) {
    metrics.agentRun("interrupted", [], count);
    log.warn("agent.runs_interrupted", { count });
  }
  return count;
}
