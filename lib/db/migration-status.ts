import type { PrismaClient } from "./generated/client";
import { listMigrations, type MigrationRow } from "./apply-migrations";
import { migrationsDir } from "./open-db";

/** Committed migrations against the database's _prisma_migrations, by migration name. */
export type MigrationStatus = { applied: string[]; pending: string[]; failed: string[] };

/** Reads the status; a rolled-back row counts as never applied, as it does for Prisma. */
export async function readMigrationStatus(prisma: PrismaClient): Promise<MigrationStatus> {
  const rows = await prisma.$queryRaw<MigrationRow[]>`
    SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`;
  const live = rows.filter((r) => r.rolled_back_at === null);
  const applied = live.filter((r) => r.finished_at !== null).map((r) => r.migration_name);
  const failed = live.filter((r) => r.finished_at === null).map((r) => r.migration_name);
  const known = new Set([...applied, ...failed]);
  const pending = listMigrations(migrationsDir())
    .map((m) => m.name)
    .filter((name) => !known.has(name));
  return { applied, pending, failed };
}
