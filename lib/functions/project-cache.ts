import { forgetEverywhere } from "@/lib/coordination";

// Settings and secrets are read on every invocation and change rarely; they are kept for a few seconds
// per node and dropped at once on every node when they change.
const TTL_MS = 5_000;

/** A per-project cache of one async value (`name` among caches) with a short lifetime and explicit invalidation. */
export function projectCache<T>(name: string, load: (projectId: string) => Promise<T>) {
  const entries = new Map<string, { value: Promise<T>; until: number }>();
  const forget = forgetEverywhere(name, (projectId) => entries.delete(projectId));
  return {
    get(projectId: string): Promise<T> {
      const hit = entries.get(projectId);
      if (hit && hit.until > Date.now()) return hit.value;
      const value = load(projectId);
      entries.set(projectId, { value, until: Date.now() + TTL_MS });
      value.catch(() => entries.delete(projectId));
      return value;
    },
    forget,
  };
}
