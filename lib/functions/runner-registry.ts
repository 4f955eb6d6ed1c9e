// One runner process per tenant, taken from the pool of spares (or spawned when none is ready) and
// dropped when it dies, idles out or is evicted; the number of processes, spares included, is
// bounded for the whole server.
import { processWide } from "@/lib/config";
import { metrics } from "@/lib/log";
import { dropSpare, emptyPool, fillPool, takeSpare } from "./runner-pool";
import { RunnerProcess } from "./runner-process";

// Each runner costs ~50 MB RSS idle; beyond this many, the least recently used idle one goes.
const MAX_RUNNERS = 64;

// `runners` answers new calls; `live` also holds spares and retired runners still finishing their calls.
// One registry per process, whichever copy of this module Next loaded (see processWide).
const { runners, live } = processWide("functions.runners", () => {
  const registry = { runners: new Map<string, RunnerProcess>(), live: new Set<RunnerProcess>() };
  metrics.gaugeSource("functionRunners", () => registry.live.size);
  return registry;
});
const hooks = {
  forget(runner: RunnerProcess): void {
    if (runner.tenantKey !== undefined && runners.get(runner.tenantKey) === runner) runners.delete(runner.tenantKey);
  },
  exited(runner: RunnerProcess): void {
    live.delete(runner);
    if (dropSpare(runner)) fillPool(spawnSpare);
  },
};

function spawnSpare(): RunnerProcess | undefined {
  if (live.size >= MAX_RUNNERS) return undefined; // spares never push a tenant's runner out
  const spare = new RunnerProcess(undefined, hooks);
  live.add(spare);
  return spare;
}

function evictIdle(): boolean {
  let oldest: RunnerProcess | undefined;
  for (const runner of live) {
    if (!runner.isGone && !runner.isBusy && (!oldest || runner.lastUsedAt < oldest.lastUsedAt)) oldest = runner;
  }
  void oldest?.stop();
  return oldest !== undefined;
}

/** The tenant's runner (`spawned`: its first call is this one), or undefined when every runner slot is busy. */
export function leaseRunner(tenantKey: string): { runner: RunnerProcess; spawned: boolean } | undefined {
  const existing = runners.get(tenantKey);
  if (existing) return { runner: existing, spawned: false };
  const spare = takeSpare();
  if (!spare && live.size >= MAX_RUNNERS && !evictIdle()) return undefined;
  spare?.assign(tenantKey);
  const runner = spare ?? new RunnerProcess(tenantKey, hooks);
  runners.set(tenantKey, runner);
  live.add(runner);
  return { runner, spawned: true };
}

/** Tops the pool of spares up in the background: at server start, and once a call that took a spare has answered. */
export function warmRunnerPool(): void {
  fillPool(spawnSpare);
}

/** The tenant's runner process id, if one is running (operations and tests). */
export function runnerPid(tenantKey: string): number | undefined {
  return runners.get(tenantKey)?.pid;
}

/** Kills every runner, spares included; resolves once all have exited. The pool refills on next use. */
export async function stopAllRunners(): Promise<void> {
  emptyPool();
  await Promise.all([...live].map((runner) => runner.stop()));
}

/** Tenants' live runners with the isolates and RSS they last reported, and spares (forked or waiting). */
export function runnerStats(): { runners: number; spares: number; isolates: number; rssBytes: number } {
  let isolates = 0;
  let rssBytes = 0;
  let spares = 0;
  for (const runner of live) {
    if (runner.tenantKey === undefined) {
      spares += 1;
      continue;
    }
    isolates += runner.stats.isolates;
    rssBytes += runner.stats.rssBytes;
  }
  return { runners: live.size - spares, spares, isolates, rssBytes };
}
