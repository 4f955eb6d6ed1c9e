// Small helpers for the benchmarks: percentiles and a printed table.

/** The p-th percentile (0-100) of `samples`, nearest rank. */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

/** Milliseconds `fn` takes, once. */
export async function time(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/** Prints one benchmark figure as a line a reader (and a closing note) can quote. */
export function report(name: string, figures: Record<string, string | number>): void {
  const parts = Object.entries(figures).map(([k, v]) => `${k}=${typeof v === "number" ? Number(v.toFixed(2)) : v}`);
  process.stdout.write(`BENCH ${name}: ${parts.join(" ")}\n`);
}
