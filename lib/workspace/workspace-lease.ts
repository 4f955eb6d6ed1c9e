// A project's workspace held by one writer (an agent run) for a while: every other writer is refused
// with a conflict instead of having its commit folded into the holder's, or lost when the holder is
// undone. The holder is known by the async context it runs in, so its own writes, and whatever they
// set off (a component rebuild adding a package), pass without threading an argument through every call.
import { AsyncLocalStorage } from "node:async_hooks";
import { AppError } from "@/lib/errors";
import type { ProjectScope } from "@/lib/auth";

type Lease = { holderId: string; reason: string };

const leases = new Map<string, Lease>();
const holder = new AsyncLocalStorage<string>();

/**
 * Gives `holderId` the project's workspace until the returned release is called; `reason` is what other
 * writers are told ("An agent run is changing this project."). Throws conflict if someone holds it.
 */
export function leaseWorkspace(projectId: string, holderId: string, reason: string): () => void {
  const current = leases.get(projectId);
  if (current && current.holderId !== holderId) throw new AppError("conflict", current.reason);
  leases.set(projectId, { holderId, reason });
  return () => {
    if (leases.get(projectId)?.holderId === holderId) leases.delete(projectId);
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

/** Refuses a write to a workspace another writer holds, saying who holds it; nothing was changed. */
export function assertWorkspaceWritable(scope: Pick<ProjectScope, "projectId">): void {
  const lease = leases.get(scope.projectId);
  if (lease && lease.holderId !== holder.getStore()) {
    throw new AppError("conflict", `${lease.reason} Nothing was saved; try again when it has finished, or stop it.`);
  }
}
