import { z } from "zod";
import type { ProjectScope } from "@/lib/auth";
import { getDb, recordAuditNow } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Logger } from "@/lib/log";
import { restoreTenantSnapshot } from "@/lib/tenant-db";
import { restoreCommit } from "@/lib/workspace";
import { abortRun, claimProject, releaseProject } from "./active-runs";
import { commitMessage } from "./finish-run";
import { findUndoableRun, planUndo, type UndoPlan } from "./plan-undo";
import { RUN_SELECT, toRunView, type RunView } from "./run-view";

/** The confirmation of an undo: the HEAD its plan was made at (the plan's `head`). */
export const UndoRunInput = z.strictObject({ expectedHead: z.string().regex(/^[0-9a-f]{40}$/, "must be the plan's head (a 40-hex commit id)") });
export type UndoRunInput = z.infer<typeof UndoRunInput>;

/** What undoing a run did: the run as it is now, what was reverted, and whether the dev database went back. */
export type UndoneRun = { run: RunView; plan: UndoPlan; databaseRestored: boolean };

/**
 * Undoes a run exactly as its plan (planUndo) said, and only if nothing changed since the person saw
 * it: a different HEAD is a conflict naming expectedHead, so no work is ever dropped unnamed. The
 * workspace goes back to the commit before the run as a new commit (undoable from the history); later
 * runs are marked undone with it; the dev database goes back to its copy when the plan said so.
 * Refused while any run is going on the project.
 */
export async function undoAgentRun(scope: ProjectScope, runId: string, input: UndoRunInput, log: Logger): Promise<UndoneRun> {
  const run = await findUndoableRun(scope, runId);
  // Holding the project as a run would keeps runs from starting (or going on) under the undo.
  await claimProject(scope.projectId, `undo-${runId}`, new AbortController());
  try {
    const plan = await planUndo(scope, runId);
    if (plan.head !== input.expectedHead) {
      throw new AppError("conflict", "The project changed since this undo was reviewed; review what it reverts again.", "expectedHead");
    }
    await restoreCommit(scope, run.baseSha, log, `Undo: ${commitMessage(run.prompt)}`);
    const databaseRestored = plan.database?.restored === true && (await restoreTenantSnapshot(scope, "dev", runId, log));
    const db = await getDb();
    const undoneAt = new Date();
    const [, updated] = await db.$transaction([
      db.agentRun.updateMany({ where: { projectId: scope.projectId, startedAt: { gt: run.startedAt }, undoneAt: null }, data: { undoneAt } }),
      db.agentRun.update({ where: { id: runId }, data: { undoneAt }, select: RUN_SELECT }),
    ]);
    await recordAuditNow({ projectId: scope.projectId, actorId: scope.userId }, "agent_run.undone", { runId, to: run.baseSha, databaseRestored });
    log.info("agent.run.undone", { runId, to: run.baseSha, databaseRestored, laterCommits: plan.laterRuns.length + plan.laterEdits.length });
    return { run: toRunView(updated, false), plan, databaseRestored };
  } finally {
    await releaseProject(scope.projectId, `undo-${runId}`);
  }
}

/** Stops a running run (and its model request); false when it had already ended. */
export async function stopAgentRun(scope: ProjectScope, runId: string): Promise<boolean> {
  const db = await getDb();
  const run = await db.agentRun.findFirst({ where: { id: runId, projectId: scope.projectId }, select: { id: true } });
  if (!run) throw new AppError("not_found", "No such run in this project.", "runId");
  return abortRun(scope.projectId, runId);
}
