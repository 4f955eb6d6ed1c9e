import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { locateFault, probeStores, storageFaultOf, type StorageFault } from "@/lib/storage";

/** Why Myco cannot start, as the operator reads it: the cause (with paths: this is the server's own console) and what to do. */
export type StartProblem = { cause: string; advice: string };

function sentenceOf(fault: StorageFault, dir: string): string {
  const where = `${(fault.store?.label ?? "The folder Myco writes to").replace(/^The/, "the")} ${dir}`;
  if (fault.kind === "read_only") return `${where} is read-only (${fault.errno}).`;
  if (fault.kind === "denied") return `${where} is not writable by this user (${fault.errno}).`;
  return fault.errno === "ENOSPC" || fault.errno === "EDQUOT"
    ? `${where} is on a full disk (${fault.errno}).`
    : `${where} has less free space than MYCO_MIN_FREE_MB.`;
}

function adviceFor(fault: StorageFault): string {
  const move = "or set MYCO_DATA_DIR to a folder on a writable disk with room (copy the old folder there first)";
  if (fault.kind === "read_only") return `Myco keeps its database, workspaces and builds there and must write to it. Remount it read-write, ${move}.`;
  if (fault.kind === "denied") return `Give the user Myco runs as (uid ${process.getuid?.() ?? "?"}) write access to it (chown -R), ${move}.`;
  const mib = Math.round(getConfig().minFreeBytes / 1024 / 1024);
  return `Free space on that disk (Myco wants at least ${mib} MiB free on each store, MYCO_MIN_FREE_MB), ${move}.`;
}

/** A store that cannot take a write (probed afresh), or the registry database failing to open; null when Myco can start. */
export async function findStartProblem(): Promise<StartProblem | null> {
  const [problem] = await probeStores({ fresh: true });
  if (problem) return { cause: sentenceOf(problem.fault, problem.dir), advice: adviceFor(problem.fault) };
  try {
    await getDb();
    return null;
  } catch (err) {
    const found = storageFaultOf(err);
    if (found) {
      const fault = await locateFault(found);
      return { cause: sentenceOf(fault, fault.path ?? getConfig().dataDir), advice: adviceFor(fault) };
    }
    const { databaseUrl, dataDir } = getConfig();
    const what = databaseUrl ? "the PostgreSQL database at DATABASE_URL" : `the embedded database (PGlite) in ${dataDir}/pglite`;
    const advice = databaseUrl ? "Check DATABASE_URL and that the server answers and accepts this user." : "See docs/operations.md, \"Start-up failures\".";
    return { cause: `${what} could not be opened: ${err instanceof Error ? err.message : String(err)}`, advice };
  }
}
