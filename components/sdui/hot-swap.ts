import { useEffect, useState } from "react";
import type { LoadedMfe } from "./mfe-loader";

const mounted = new Map<string, Set<(mfe: LoadedMfe) => void>>();

/** Swaps `mfe` into every mounted instance of component `name` (hot-listener.ts, in the framed dev app only). */
export function swapMounted(name: string, mfe: LoadedMfe): void {
  mounted.get(name)?.forEach((swap) => swap(mfe));
}

/**
 * The module swapped in for component `name` since this instance mounted, or null. Each mounted instance
 * re-renders with the new component and the same props (the page's state around it stays); state inside
 * the component starts afresh, as a new function is a new component to React.
 */
export function useHotSwap(name: string): LoadedMfe | null {
  const [swapped, setSwapped] = useState<LoadedMfe | null>(null);
  useEffect(() => {
    const instances = mounted.get(name) ?? new Set();
    mounted.set(name, instances);
    instances.add(setSwapped);
    return () => {
      instances.delete(setSwapped);
      if (instances.size === 0) mounted.delete(name);
    };
  }, [name]);
  return swapped;
}
