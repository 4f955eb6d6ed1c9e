import { AppError } from "@/lib/errors";
import { getConfig } from "@/lib/config";
import { log } from "@/lib/log";
import { getMigrationStatus, isDbReadOnly } from "@/lib/db";
import { describeFault, probeStores, storageFaultOf, storeFolders, type StoreId } from "@/lib/storage";

/** What /api/ready reports when Myco can serve: the database, its migrations and the stores that took a probe write. */
export type Readiness = { status: "ready"; database: "pglite" | "postgresql"; migrations: number; stores: StoreId[] };

/** Every store that cannot take a write, as sentences naming the store; the full paths go to the log only. */
async function storeProblems(): Promise<string[]> {
  const problems = await probeStores();
  for (const { fault, dir } of problems) {
    log.warn("ready.store_unwritable", { store: fault.store?.id ?? null, kind: fault.kind, errno: fault.errno, dir });
  }
  return problems.map(({ fault }) => describeFault(fault));
}

/** Why the registry database cannot serve (unreachable, read-only, migrations not applied), or null when it can. */
async function databaseProblem(database: Readiness["database"]): Promise<{ problem: string | null; migrations: number }> {
  try {
    const status = await getMigrationStatus();
    if (status.failed.length > 0 || status.pending.length > 0) {
      const what = status.failed.length > 0 ? `failed: ${status.failed.join(", ")}` : `pending: ${status.pending.join(", ")}`;
      return { problem: `Database migrations are not all applied (${what}).`, migrations: 0 };
    }
    if (await isDbReadOnly()) return { problem: `The ${database} database is read-only.`, migrations: 0 };
    return { problem: null, migrations: status.applied.length };
  } catch (err) {
    const fault = storageFaultOf(err);
    log.warn("ready.database_unreachable", { database, err: err instanceof Error ? err.message : String(err) });
    return { problem: fault ? describeFault(fault) : `The ${database} database is not reachable.`, migrations: 0 };
  }
}

/**
 * Ready when the registry database answers, takes writes and has every committed migration applied, and
 * every store Myco writes to (probed with a real write) can take one; else unavailable (503) naming each cause.
 */
export async function checkReadiness(): Promise<Readiness> {
  const database = getConfig().databaseUrl ? "postgresql" : "pglite";
  const [stores, db] = await Promise.all([storeProblems(), databaseProblem(database)]);
  const problems = [...stores, ...(db.problem ? [db.problem] : [])];
  if (problems.length > 0) throw new AppError("unavailable", problems.join(" "));
  return { status: "ready", database, migrations: db.migrations, stores: storeFolders().map((f) => f.store.id) };
}
