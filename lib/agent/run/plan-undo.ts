import type { ProjectScope } from "@/lib/auth";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { compareSnapshot, type SnapshotComparison } from "@/lib/tenant-db";
import { changedSince, commitsSince, getHeadSha } from "@/lib/workspace";
import { RUN_SELECT } from "./run-view";

/** A commit undoing a run would revert. */
export type RevertedCommit = { sha: string; message: string; authorName: string; date: string; runId: string | null };

/**
 * Everything undoing a run reverts, named before anything happens: the run's own commits, later runs'
 * commits and people's later edits (the workspace goes back to the commit before the run, as a new
 * commit), the files that change, and the dev database going back to its copy from before the run when
 * the migrations changed since (null database: it stays as it is). `head` is what the person confirms.
 */
export type UndoPlan = {
  runId: string;
  restoresTo: string;
  head: string;
  ownCommits: RevertedCommit[];
  laterRuns: RevertedCommit[];
  laterEdits: RevertedCommit[];
  files: string[];
  database: { restored: boolean; tables: SnapshotComparison["tables"] } | null;
};

/** The run, if it belongs to the project and can still be undone. */
export async function findUndoableRun(scope: ProjectScope, runId: string) {
  const db = await getDb();
  const run = await db.agentRun.findFirst({ where: { id: runId, projectId: scope.projectId }, select: RUN_SELECT });
  if (!run) throw new AppError("not_found", "No such run in this project.", "runId");
  if (run.undoneAt) throw new AppError("conflict", "This run has already been undone.", "runId");
  if (!run.baseSha) throw new AppError("conflict", "This run has no commit to go back to.", "runId");
  return { ...run, baseSha: run.baseSha };
}

/** What undoing the run would revert, for the person to confirm (see UndoPlan). Changes nothing. */
export async function planUndo(scope: ProjectScope, runId: string): Promise<UndoPlan> {
  const run = await findUndoableRun(scope, runId);
  const [head, commits, files] = await Promise.all([getHeadSha(scope), commitsSince(scope, run.baseSha), changedSince(scope, run.baseSha)]);
  const reverted = commits.map(({ sha, message, authorName, date, runId: by }) => ({ sha, message, authorName, date, runId: by }));
  const migrationsChanged = files.some((p) => p.startsWith("db/migrations/"));
  const comparison = migrationsChanged ? await compareSnapshot(scope, "dev", runId) : null;
  return {
    runId,
    restoresTo: run.baseSha,
    head,
    ownCommits: reverted.filter((c) => c.runId === runId),
    laterRuns: reverted.filter((c) => c.runId !== null && c.runId !== runId),
    laterEdits: reverted.filter((c) => c.runId === null),
    files,
    database: migrationsChanged ? { restored: comparison !== null, tables: comparison?.tables ?? [] } : null,
  };
}
