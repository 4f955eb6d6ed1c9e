import type { ProjectScope } from "@/lib/auth";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Logger } from "@/lib/log";
import { restoreCommit } from "@/lib/workspace";
import { abortRun, isRunActive } from "./active-runs";
import { RUN_SELECT, toRunView, type RunView } from "./run-view";

async function findRun(scope: ProjectScope, runId: string) {
  const db = await getDb();
  const run = await db.agentRun.findFirst({ where: { id: runId, projectId: scope.projectId }, select: RUN_SELECT });
  if (!run) throw new AppError("not_found", "No such run in this project.", "runId");
  return run;
}

/**
 * Undoes a run: the workspace goes back to the commit before it, as a new commit (so the undo can be
 * undone from the history too). Runs after it are undone with it, since their commits build on it.
 */
export async function undoAgentRun(scope: ProjectScope, runId: string, log: Logger): Promise<RunView> {
  const run = await findRun(scope, runId);
  if (isRunActive(scope.projectId, runId)) throw new AppError("conflict", "The run is still going; stop it first.", "runId");
  if (run.undoneAt) throw new AppError("conflict", "This run has already been undone.", "runId");
  if (!run.baseSha) throw new AppError("conflict", "This run has no commit to go back to.", "runId");
  await restoreCommit(scope, run.baseSha, log, `Undo: ${run.prompt.replaceAll("\0", "").trim()}`);
  const db = await getDb();
  const undoneAt = new Date();
  const [, updated] = await db.$transaction([
    db.agentRun.updateMany({ where: { projectId: scope.projectId, startedAt: { gt: run.startedAt }, undoneAt: null }, data: { undoneAt } }),
    db.agentRun.update({ where: { id: runId }, data: { undoneAt }, select: RUN_SELECT }),
  ]);
  log.info("agent.run.undone", { runId, to: run.baseSha });
  return toRunView(updated);
}

/** Stops a running run (and its model request); false when it had already ended. */
export async function stopAgentRun(scope: ProjectScope, runId: string): Promise<boolean> {
  await findRun(scope, runId);
  return abortRun(scope.projectId, runId);
}
