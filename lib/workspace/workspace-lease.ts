// A project's workspace held by one writer (an agent run) for a while: every other writer, on any node,
// is refused with a conflict instead of having its commit folded into the holder's, or lost when the
// holder is undone. The holder is known by the async context it runs in, so its own writes, and
// whatever they set off (a component rebuild adding a package), pass without threading an argument
// through every call. Across nodes the lease is lib/coordination's, freed if the holder's node dies.
import { AsyncLocalStorage } from "node:async_hooks";
import { processWide } from "@/lib/config";
import { isLeaseHeld, tryLease } from "@/lib/coordination";
import { AppError } from "@/lib/errors";
import type { ProjectScope } from "@/lib/auth";

const REASON = "An agent run is changing this project.";
const leaseKey = (projectId: string) => `workspace:${projectId}`;

const leases = processWide("workspace.leases", () => new Map<string, string>());
const holder = processWide("workspace.leaseHolder", () => new AsyncLocalStorage<string>());

const conflict = () => new AppError("conflict", `${REASON} Nothing was saved; try again when it has finished, or stop it.`);

/**
 * Gives `holderId` the project's workspace until the returned release is called. Throws conflict if
 * someone (on any node) holds it. `onLost` is called if the lease ends on its own (its node's database
 * connection dropped): other nodes may then write, so the holder must stop.
 */
export async function leaseWorkspace(projectId: string, holderId: string, onLost: () => void = () => undefined): Promise<() => Promise<void>> {
  if (leases.has(projectId)) throw new AppError("conflict", REASON);
  leases.set(projectId, holderId);
  const lease = await tryLease([leaseKey(projectId)]).catch((err: unknown) => {
    leases.delete(projectId);
    throw err;
  });
  if (!lease) {
    leases.delete(projectId);
    throw new AppError("conflict", REASON);
  }
  lease.lost.addEventListener("abort", onLost, { once: true });
  if (lease.lost.aborted) onLost();
  return async () => {
    if (leases.get(projectId) === holderId) leases.delete(projectId);
    await lease.release();
  };
}

/** Runs `fn` (and everything it starts) as `holderId`, whose writes a lease of its own lets through. */
export function asLeaseHolder<T>(holderId: string, fn: () => T): T {
  return holder.run(holderId, fn);
}

/** The lease holder this code runs as, if any (its commits are marked with it). */
export function currentLeaseHolder(): string | undefined {
  return holder.getStore();
}

/** Refuses a write to a workspace another writer (on any node) holds, saying who; nothing was changed. */
export async function assertWorkspaceWritable(scope: Pick<ProjectScope, "projectId">): Promise<void> {
  const local = leases.get(scope.projectId);
  if (local !== undefined) {
    if (local !== holder.getStore()) throw conflict();
    return;
  }
  if (await isLeaseHeld(leaseKey(scope.projectId))) throw conflict();
}
