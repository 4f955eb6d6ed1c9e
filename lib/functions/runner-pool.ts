// Spare runner processes, forked and initialised (isolated-vm loaded, a blank isolate with the
// bootstrap compiled, one call of platform code run) before any tenant needs one, so a new tenant's
// first call skips process start-up. A spare has run no tenant code and holds no tenant data; once
// taken it belongs to that tenant for its whole life and never comes back here. Spares are forked one
// at a time, off every call's path.
import { getConfig, processWide } from "@/lib/config";
import type { RunnerProcess } from "./runner-process";

// A runner that cannot start (a broken build, no memory) is not retried in a tight loop.
const RETRY_AFTER_FAILURE_MS = 5_000;

/** Forks a spare and counts it as a live runner; undefined when the server has no runner to spare. */
export type SpawnSpare = () => RunnerProcess | undefined;

// One pool per process (see processWide). `generation` is bumped by emptyPool: a fork in flight from
// before a shutdown does not join the new pool.
const pool = processWide("functions.pool", () => ({ spares: [] as RunnerProcess[], filling: false, generation: 0 }));
const { spares } = pool;

async function forkOne(spawnSpare: SpawnSpare, forGeneration: number): Promise<void> {
  if (forGeneration !== pool.generation) return;
  const spare = spawnSpare();
  const isReady = spare !== undefined && (await spare.ready);
  if (forGeneration !== pool.generation) return;
  pool.filling = false;
  if (!spare) return; // at the runner cap: the next new tenant tries again
  if (isReady && !spare.isGone) {
    spares.push(spare);
    fillPool(spawnSpare);
  } else {
    setTimeout(() => fillPool(spawnSpare), RETRY_AFTER_FAILURE_MS).unref();
  }
}

/** Forks spares up to MYCO_FUNCTION_RUNNER_POOL, one at a time, starting on a later tick. */
export function fillPool(spawnSpare: SpawnSpare): void {
  if (pool.filling || spares.length >= getConfig().functionRunnerPool) return;
  pool.filling = true;
  const forGeneration = pool.generation;
  setImmediate(() => void forkOne(spawnSpare, forGeneration));
}

/** A ready spare, removed from the pool for good; undefined if none is ready. */
export function takeSpare(): RunnerProcess | undefined {
  let spare = spares.shift();
  while (spare?.isGone) spare = spares.shift();
  return spare;
}

/** The process ids of the ready spares, which no tenant has used (operations and tests). */
export function spareRunnerPids(): number[] {
  return spares.flatMap((spare) => (spare.pid === undefined || spare.isGone ? [] : [spare.pid]));
}

/** Forgets a spare that died while waiting; true if it was one (the pool then forks its replacement). */
export function dropSpare(runner: RunnerProcess): boolean {
  const index = spares.indexOf(runner);
  if (index >= 0) spares.splice(index, 1);
  return index >= 0;
}

/** Empties the pool for a shutdown (the caller kills the spares); it fills again on next use. */
export function emptyPool(): void {
  pool.generation += 1;
  pool.filling = false;
  spares.length = 0;
}
