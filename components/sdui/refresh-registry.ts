/** Which mounted bound nodes can be fetched again, by node id; one per page. */
export type RefreshRegistry = {
  /** Adds a node's refetch; the returned function removes it (on unmount). */
  register(nodeId: string, refetch: () => void): () => void;
  /** Refetches a node; nothing happens if it is not mounted (a closed modal, another tab). */
  refresh(nodeId: string): void;
};

/** A fresh, empty registry. */
export function createRefreshRegistry(): RefreshRegistry {
  const byId = new Map<string, Set<() => void>>();
  return {
    register(nodeId, refetch) {
      const set = byId.get(nodeId) ?? new Set();
      set.add(refetch);
      byId.set(nodeId, set);
      return () => set.delete(refetch);
    },
    refresh(nodeId) {
      for (const refetch of byId.get(nodeId) ?? []) refetch();
    },
  };
}
