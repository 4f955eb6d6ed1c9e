import { AppError } from "@/lib/errors";

// The runs in progress in this process, one per project: a second run on the same workspace would
// interleave its commits with the first's (documented: one Myco node per data dir).
const active = new Map<string, { runId: string; controller: AbortController }>();

/** Claims the project for a run; conflict when one is already running there. */
export function claimProject(projectId: string, runId: string, controller: AbortController): void {
  if (active.has(projectId)) throw new AppError("conflict", "Another run (or an undo) is in progress on this project; stop it or wait for it to finish.", "projectId");
  active.set(projectId, { runId, controller });
}

/** Frees the project when its run has ended. */
export function releaseProject(projectId: string, runId: string): void {
  if (active.get(projectId)?.runId === runId) active.delete(projectId);
}

/** Whether this run is still going in this process. */
export function isRunActive(projectId: string, runId: string): boolean {
  return active.get(projectId)?.runId === runId;
}

/** Aborts the run and its model request; false when it is not running. */
export function abortRun(projectId: string, runId: string): boolean {
  const run = active.get(projectId);
  if (run?.runId !== runId) return false;
  run.controller.abort();
  return true;
}
