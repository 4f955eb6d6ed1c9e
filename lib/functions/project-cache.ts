// Settings and secrets are read on every invocation and change rarely; they are kept for a few seconds
// and dropped at once when this process changes them.
const TTL_MS = 5_000;

/** A per-project cache of one async value with a short lifetime and explicit invalidation. */
export function projectCache<T>(load: (projectId: string) => Promise<T>) {
  const entries = new Map<string, { value: Promise<T>; until: number }>();
  return {
    get(projectId: string): Promise<T> {
      const hit = entries.get(projectId);
      if (hit && hit.until > Date.now()) return hit.value;
      const value = load(projectId);
      entries.set(projectId, { value, until: Date.now() + TTL_MS });
      value.catch(() => entries.delete(projectId));
      return value;
    },
    forget(projectId: string): void {
      entries.delete(projectId);
    },
  };
}
