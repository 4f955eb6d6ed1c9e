import { AppError } from "@/lib/errors";
import { getConfig } from "@/lib/config";
import { log } from "@/lib/log";
import { getMigrationStatus } from "@/lib/db";

/** What /api/ready reports when Myco can serve. */
export type Readiness = { status: "ready"; database: "pglite" | "postgresql"; migrations: number };

/** Ready when the registry database answers and every committed migration is applied; else unavailable (503). */
export async function checkReadiness(): Promise<Readiness> {
  const database = getConfig().databaseUrl ? "postgresql" : "pglite";
  let status: Awaited<ReturnType<typeof getMigrationStatus>>;
  try {
    status = await getMigrationStatus();
  } catch (err) {
    log.warn("ready.database_unreachable", { database, err: err instanceof Error ? err.message : String(err) });
    throw new AppError("unavailable", `The ${database} database is not reachable.`);
  }
  if (status.failed.length > 0 || status.pending.length > 0) {
    const what = status.failed.length > 0 ? `failed: ${status.failed.join(", ")}` : `pending: ${status.pending.join(", ")}`;
    throw new AppError("unavailable", `Database migrations are not all applied (${what}).`);
  }
  return { status: "ready", database, migrations: status.applied.length };
}
