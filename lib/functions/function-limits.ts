/** Per-invocation budgets; `maxConcurrent` is per tenant (one runner process). */
export type FunctionLimits = {
  memoryMb: number;
  cpuMs: number;
  wallMs: number;
  maxResponseBytes: number;
  maxLogBytes: number;
  maxConcurrent: number;
};

/** 64 MiB heap, 1 s CPU, 10 s wall, 1 MiB response, 64 KiB logs, 8 concurrent invocations per tenant. */
export const DEFAULT_LIMITS: Readonly<FunctionLimits> = Object.freeze({
  memoryMb: 64,
  cpuMs: 1_000,
  wallMs: 10_000,
  maxResponseBytes: 1024 * 1024,
  maxLogBytes: 64 * 1024,
  maxConcurrent: 8,
});

// Hard bounds whatever a caller asks for: isolated-vm refuses heaps under 8 MB, and the runner
// process budget (--max-old-space-size plus every isolate) assumes these ceilings.
const BOUNDS: Record<keyof FunctionLimits, [min: number, max: number]> = {
  memoryMb: [8, 512],
  cpuMs: [1, 60_000],
  wallMs: [10, 300_000],
  maxResponseBytes: [1, 8 * 1024 * 1024],
  maxLogBytes: [0, 1024 * 1024],
  maxConcurrent: [1, 64],
};

/** The defaults overlaid with `partial`, each value an integer clamped into its bounds. */
export function resolveLimits(partial: Partial<FunctionLimits> = {}): FunctionLimits {
  const limits = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(BOUNDS) as (keyof FunctionLimits)[]) {
    const value = partial[key];
    if (typeof value !== "number" || !Number.isFinite(value)) continue;
    const [min, max] = BOUNDS[key];
    limits[key] = Math.min(max, Math.max(min, Math.floor(value)));
  }
  return limits;
}
