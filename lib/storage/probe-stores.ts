import fs from "node:fs/promises";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { getConfig } from "@/lib/config";
import { storageFaultOf, type StorageFault } from "./storage-fault";
import { storeFolders, type Store } from "./stores";

/** A store that cannot take writes: the fault, and the folder (for the operator, never for a caller). */
export type StoreProblem = { fault: StorageFault; dir: string };

// /api/ready is public: a burst of probes must not become a burst of fsyncs.
const PROBE_TTL_MS = 2_000;
/** The probe files' names; start-up removes any a crash left behind. */
export const PROBE_FILE = /^\.myco-probe-[0-9a-f-]{36}\.tmp$/;

let cached: { at: number; result: Promise<StoreProblem[]> } | undefined;

/** Writes, fsyncs and removes a small file in `dir` (made if missing), then checks the free space left there. */
async function probe(store: Store, dir: string): Promise<StoreProblem | null> {
  const file = path.join(dir, `.myco-probe-${randomUUID()}.tmp`);
  try {
    await fs.mkdir(dir, { recursive: true });
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

/**
 * Every store that cannot take a write now (read-only, not permitted, or its disk full or under
 * MYCO_MIN_FREE_MB free); empty when all can. Results are reused for 2 s unless `fresh`.
 */
export function probeStores(options: { fresh?: boolean } = {}): Promise<StoreProblem[]> {
  if (!options.fresh && cached && performance.now() - cached.at < PROBE_TTL_MS) return cached.result;
  const result = Promise.all(storeFolders().map(({ store, dir }) => probe(store, dir))).then((all) => all.filter((p) => p !== null));
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
  const problems = await probeStores({ fresh: true });
  const match = problems.find((p) => p.fault.kind === fault.kind) ?? problems[0];
  return match ? { ...fault, store: match.fault.store, path: fault.path ?? match.dir } : fault;
}
