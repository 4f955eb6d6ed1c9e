// One runner process per tenant, spawned lazily and dropped when it dies, idles out or is
// evicted; the number of processes is bounded for the whole server.
import { metrics } from "@/lib/log";
import { RunnerProcess } from "./runner-process";

// Each runner costs ~50 MB RSS idle; beyond this many, the least recently used idle one goes.
const MAX_RUNNERS = 64;

// `runners` answers new calls; `live` also holds retired runners still finishing their calls.
const runners = new Map<string, RunnerProcess>();
const live = new Set<RunnerProcess>();
metrics.gaugeSource("functionRunners", () => live.size);
const hooks = {
  forget(runner: RunnerProcess): void {
    if (runners.get(runner.tenantKey) === runner) runners.delete(runner.tenantKey);
  },
  exited(runner: RunnerProcess): void {
    live.delete(runner);
  },
};

function evictIdle(): boolean {
  let oldest: RunnerProcess | undefined;
  for (const runner of live) {
    if (!runner.isGone && !runner.isBusy && (!oldest || runner.lastUsedAt < oldest.lastUsedAt)) oldest = runner;
  }
  void oldest?.stop();
  return oldest !== undefined;
}

/** The tenant's runner (`spawned`: started for this call), or undefined when every runner slot is busy. */
export function leaseRunner(tenantKey: string): { runner: RunnerProcess; spawned: boolean } | undefined {
  const existing = runners.get(tenantKey);
  if (existing) return { runner: existing, spawned: false };
  if (live.size >= MAX_RUNNERS && !evictIdle()) return undefined;
  const runner = new RunnerProcess(tenantKey, hooks);
  runners.set(tenantKey, runner);
  live.add(runner);
  return { runner, spawned: true };
}

/** The tenant's runner process id, if one is running (operations and tests). */
export function runnerPid(tenantKey: string): number | undefined {
  return runners.get(tenantKey)?.pid;
}

/** Kills every runner; resolves once all have exited. */
export async function stopAllRunners(): Promise<void> {
  await Promise.all([...live].map((runner) => runner.stop()));
}

/** Live runners, and the isolates and RSS they last reported. */
export function runnerStats(): { runners: number; isolates: number; rssBytes: number } {
  let isolates = 0;
  let rssBytes = 0;
  for (const runner of live) {
    isolates += runner.stats.isolates;
    rssBytes += runner.stats.rssBytes;
  }
  return { runners: live.size, isolates, rssBytes };
}
