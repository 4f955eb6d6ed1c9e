import type { ProjectScope } from "@/lib/auth";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Logger } from "@/lib/log";
import { restoreTenantSnapshot } from "@/lib/tenant-db";
import { changedSince, restoreCommit } from "@/lib/workspace";
import { abortRun, claimProject, releaseProject } from "./active-runs";
import { commitMessage } from "./finish-run";
import { RUN_SELECT, toRunView, type RunView } from "./run-view";

async function findRun(scope: ProjectScope, runId: string) {
  const db = await getDb();
  const run = await db.agentRun.findFirst({ where: { id: runId, projectId: scope.projectId }, select: RUN_SELECT });
  if (!run) throw new AppError("not_found", "No such run in this project.", "runId");
  return run;
}

/** What undoing a run did: the run as it is now, and whether the dev database went back too. */
export type UndoneRun = { run: RunView; databaseRestored: boolean };

/**
 * Undoes a run: the workspace goes back to the commit before it, as a new commit (so the undo can be
 * undone from the history too). Runs after it are undone with it, since their commits build on it.
 * When the migrations changed since (by those runs or by hand), the dev database goes back to the copy
 * taken before this run, so its tables match the migrations again (rows added since are gone with it).
 * Refused while any run is going on the project.
 */
export async function undoAgentRun(scope: ProjectScope, runId: string, log: Logger): Promise<UndoneRun> {
  const run = await findRun(scope, runId);
  if (run.undoneAt) throw new AppError("conflict", "This run has already been undone.", "runId");
  if (!run.baseSha) throw new AppError("conflict", "This run has no commit to go back to.", "runId");
  // Holding the project as a run would keeps runs from starting (or going on) under the undo.
  claimProject(scope.projectId, `undo-${runId}`, new AbortController());
  try {
    const migrationsChanged = (await changedSince(scope, run.baseSha)).some((p) => p.startsWith("db/migrations/"));
    await restoreCommit(scope, run.baseSha, log, `Undo: ${commitMessage(run.prompt)}`);
    const databaseRestored = migrationsChanged && (await restoreTenantSnapshot(scope, "dev", runId, log));
    const db = await getDb();
    const undoneAt = new Date();
    const [, updated] = await db.$transaction([
      db.agentRun.updateMany({ where: { projectId: scope.projectId, startedAt: { gt: run.startedAt }, undoneAt: null }, data: { undoneAt } }),
      db.agentRun.update({ where: { id: runId }, data: { undoneAt }, select: RUN_SELECT }),
    ]);
    log.info("agent.run.undone", { runId, to: run.baseSha, databaseRestored });
    return { run: toRunView(updated), databaseRestored };
  } finally {
    releaseProject(scope.projectId, `undo-${runId}`);
  }
}

/** Stops a running run (and its model request); false when it had already ended. */
export async function stopAgentRun(scope: ProjectScope, runId: string): Promise<boolean> {
  await findRun(scope, runId);
  return abortRun(scope.projectId, runId);
}
