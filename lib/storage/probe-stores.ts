import fs from "node:fs/promises";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { getConfig } from "@/lib/config";
import { storageFaultOf, type StorageFault } from "./storage-fault";
import { storeFolders, type Store } from "./stores";
import { removeStale } from "./remove-stale";

/** A store that cannot take writes: the fault, and the folder (for the operator, never for a caller). */
export type StoreProblem = { fault: StorageFault; dir: string };

// /api/ready is public: a burst of probes must not become a burst of fsyncs.
const PROBE_TTL_MS = 2_000;
const PROBE_FILE = /^\.myco-probe-[0-9a-f-]{36}\.tmp$/;

let cached: { at: number; result: Promise<StoreProblem[]> } | undefined;

/**
 * mkdir -p that reports the real cause: Node's recursive mkdir answers ENOENT, not EROFS, when a
 * missing folder cannot be made on a read-only file system.
 */
async function makeDir(dir: string): Promise<void> {
  try {
    await fs.mkdir(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return;
    if (code !== "ENOENT" || path.dirname(dir) === dir) throw err;
    await makeDir(path.dirname(dir));
    await fs.mkdir(dir).catch((again: NodeJS.ErrnoException) => {
      if (again.code !== "EEXIST") throw again;
    });
  }
}

/** Writes, fsyncs and removes a small file in `dir` (made if missing), then checks the free space left there. */
async function probe(store: Store, dir: string): Promise<StoreProblem | null> {
  const file = path.join(dir, `.myco-probe-${randomUUID()}.tmp`);
  try {
    await makeDir(dir);
    const handle = await fs.open(file, "wx");
    try {
      await handle.writeFile("myco");
      await handle.sync();
    } finally {
      await handle.close();
      await fs.rm(file, { force: true });
    }
    const { bavail, bsize } = await fs.statfs(dir);
    if (bavail * bsize >= getConfig().minFreeBytes) return null;
    return { fault: { kind: "full", store, errno: "ENOSPC", path: dir }, dir };
  } catch (err) {
    const fault = storageFaultOf(err);
    if (!fault) throw err;
    return { fault: { ...fault, store: fault.store ?? store }, dir };
  }
}

// The data folder first: the stores' folders are made inside it.
async function probeAll(): Promise<StoreProblem[]> {
  const [data, ...stores] = storeFolders();
  const first = data ? await probe(data.store, data.dir) : null;
  const rest = await Promise.all(stores.map(({ store, dir }) => probe(store, dir)));
  return [first, ...rest].filter((p) => p !== null);
}

/**
 * Every store that cannot take a write now (read-only, not permitted, or its disk full or under
 * MYCO_MIN_FREE_MB free); empty when all can. Results are reused for 2 s unless `fresh`.
 */
export function probeStores(options: { fresh?: boolean } = {}): Promise<StoreProblem[]> {
  if (!options.fresh && cached && performance.now() - cached.at < PROBE_TTL_MS) return cached.result;
  const result = probeAll();
  cached = { at: performance.now(), result };
  result.catch(() => (cached = undefined));
  return result;
}

/**
 * The fault with its store named: an error that carried no path (a write through a file handle, git's
 * stderr) is traced to the store that fails the same way now; the data folder first, as it holds the rest.
 */
export async function locateFault(fault: StorageFault): Promise<StorageFault> {
  if (fault.store) return fault;
  // The cached probe first: a full disk failing every write must not add a round of fsyncs to each.
  const cachedProblems = await probeStores();
  const problems = cachedProblems.length > 0 ? cachedProblems : await probeStores({ fresh: true });
  const match = problems.find((p) => p.fault.kind === fault.kind) ?? problems[0];
  return match ? { ...fault, store: match.fault.store, path: fault.path ?? match.dir } : fault;
}

/** Start-up, after a crash: probe files a crash left in the store folders. */
export async function removeProbeLeftovers(): Promise<string[]> {
  const removed = await Promise.all(storeFolders().map(({ dir }) => removeStale(dir, (name) => PROBE_FILE.test(name))));
  return removed.flat();
}
