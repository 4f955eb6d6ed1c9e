import { getDb } from "@/lib/db";
import { metrics, type Logger } from "@/lib/log";
import { PROCESS_STARTED_MS } from "@/lib/storage";
import { runsActive } from "./active-runs";

/** What a run the server stopped under says it did; the builder shows it with the reason "interrupted". */
export const INTERRUPTED_SUMMARY = "The server stopped while this run was going.";

/**
 * Start-up, after a crash or restart: runs still "running" from before this process that no node drives
 * (another node's live run holds its lease) become failed with the reason "interrupted" (what the
 * builder already shows for them), keeping their commits; their leases went with the dead process.
 */
export async function interruptRuns(log: Logger): Promise<number> {
  const db = await getDb();
  const running = await db.agentRun.findMany({ where: { status: "running", startedAt: { lt: new Date(PROCESS_STARTED_MS) } }, select: { id: true, projectId: true } });
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
