import { getDb } from "@/lib/db";
import { metrics, type Logger } from "@/lib/log";
import { PROCESS_STARTED_MS } from "@/lib/storage";

/** What a run the server stopped under says it did; the builder shows it with the reason "interrupted". */
export const INTERRUPTED_SUMMARY = "The server stopped while this run was going.";

/**
 * Start-up, after a crash or restart: runs still "running" from before this process have no loop
 * driving them. They become failed with the reason "interrupted" (what the builder already shows for
 * them), keeping their commits; their workspace leases lived in the dead process and went with it.
 */
export async function interruptRuns(log: Logger): Promise<number> {
  const db = await getDb();
  const { count } = await db.agentRun.updateMany({
    where: { status: "running", startedAt: { lt: new Date(PROCESS_STARTED_MS) } },
    data: { status: "failed", reason: "interrupted", summary: INTERRUPTED_SUMMARY, finishedAt: new Date() },
  });
  if (count > 0) {
    metrics.agentRun("interrupted", [], count);
    log.warn("agent.runs_interrupted", { count });
  }
  return count;
}
