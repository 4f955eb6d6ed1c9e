// The runs (and undos) going on, one per project across every node: a run holds leases on its project
// and on its own id (lib/coordination), freed when it ends, or with its node. The node driving a run
// keeps its abort controller; a stop asked of another node reaches it as a message.
import { processWide } from "@/lib/config";
import { isLeaseHeld, leasesHeld, publish, subscribe, tryLease, type Lease } from "@/lib/coordination";
import { AppError } from "@/lib/errors";

type Active = { runId: string; controller: AbortController; lease?: Lease };

const active = processWide("agent.activeRuns", () => new Map<string, Active>());

const BUSY = "Another run (or an undo) is in progress on this project; stop it or wait for it to finish.";
const projectKey = (projectId: string) => `agent:${projectId}`;
const runKey = (runId: string) => `run:${runId}`;

type StopMessage = { projectId: string; runId: string };

subscribe("agent.run_stop", (data) => {
  const { projectId, runId } = data as StopMessage;
  const run = active.get(projectId);
  if (run?.runId === runId) run.controller.abort();
});

/** Claims the project for a run; conflict when one is already running there, on any node. */
export async function claimProject(projectId: string, runId: string, controller: AbortController): Promise<void> {
  if (active.has(projectId)) throw new AppError("conflict", BUSY, "projectId");
  const entry: Active = { runId, controller };
  active.set(projectId, entry);
  const lease = await tryLease([projectKey(projectId), runKey(runId)]).catch((err: unknown) => {
    active.delete(projectId);
    throw err;
  });
  if (!lease) {
    active.delete(projectId);
    throw new AppError("conflict", BUSY, "projectId");
  }
  entry.lease = lease;
  // This node lost its hold (its database connection): another node may start a run, so this one stops.
  lease.lost.addEventListener("abort", () => controller.abort(), { once: true });
  if (lease.lost.aborted) controller.abort();
}

/** Frees the project when its run has ended. */
export async function releaseProject(projectId: string, runId: string): Promise<void> {
  const run = active.get(projectId);
  if (run?.runId !== runId) return;
  active.delete(projectId);
  await run.lease?.release();
}

/** For each run, whether it is still going on some node (one question to the database for them all). */
export async function runsActive(runs: { projectId: string; id: string }[]): Promise<boolean[]> {
  const held = await leasesHeld(runs.map((r) => runKey(r.id)));
  return runs.map((r, i) => active.get(r.projectId)?.runId === r.id || (held[i] ?? false));
}

/** Aborts the run and its model request, wherever it runs; false when it is not running. */
export async function abortRun(projectId: string, runId: string): Promise<boolean> {
  const run = active.get(projectId);
  if (run?.runId === runId) {
    run.controller.abort();
    return true;
  }
  if (!(await isLeaseHeld(runKey(runId)))) return false;
  publish("agent.run_stop", { projectId, runId } satisfies StopMessage);
  return true;
}
