// Applies the committed Prisma migrations (prisma/migrations/<ts>_<name>/migration.sql) in-process, without
// the WASM schema engine. It writes the same _prisma_migrations rows as `prisma migrate deploy` and
// prisma/migrate.mjs, so either can take over a database the other migrated (see docs/database.md).
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Logger } from "@/lib/log";

/** What the runner needs from a connection; both executors keep every call on one session. */
export type SqlExec = {
  /** A multi-statement script over the simple-query protocol: one implicit transaction, all or nothing. */
  exec(script: string): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
};

/** A committed migration; checksum is the sha256 Prisma records for it. */
export type CommittedMigration = { name: string; sql: string; checksum: string };

/** A row of _prisma_migrations, as far as the runner and the status check read it. */
export type MigrationRow = { migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null };

// Identical to the table the schema engine creates on PostgreSQL.
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

// The schema engine's key: two Myco processes, or Myco and prisma/migrate.mjs, never migrate at once.
const ADVISORY_LOCK_KEY = 72707369;

/**
 * The committed migrations in apply order (Prisma's: by directory name). The turbopackIgnore comments keep
 * `next build` from tracing the whole project for these dynamic paths; callers pass a literal-form path.
 */
export function listMigrations(dir: string): CommittedMigration[] {
  if (!fs.existsSync(/*turbopackIgnore: true*/ dir)) return [];
  return fs
    .readdirSync(/*turbopackIgnore: true*/ dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(/*turbopackIgnore: true*/ dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(/*turbopackIgnore: true*/ dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/** The rows of _prisma_migrations in the order they were started. */
export function readMigrationRows(db: SqlExec): Promise<MigrationRow[]> {
  return db.query<MigrationRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`,
  );
}

function assertNoFailed(rows: MigrationRow[]): void {
  const failed = rows.filter((r) => r.finished_at === null && r.rolled_back_at === null).map((r) => r.migration_name);
  if (failed.length === 0) return;
  // Prisma refuses too (P3009): a half-understood database must not get more migrations on top.
  throw new Error(
    `Migration ${failed.join(", ")} failed earlier; no further migrations are applied. Read its logs in ` +
      `"_prisma_migrations", repair the database by hand, then mark it rolled back ` +
      `(UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = '${failed[0]}') and restart.`,
  );
}

async function applyOne(db: SqlExec, migration: CommittedMigration): Promise<void> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)`,
    [id, migration.checksum, migration.name],
  );
  try {
    await db.exec(migration.sql);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await db.query(`UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1`, [id, message]);
    throw new Error(`Migration ${migration.name} failed: ${message}`, { cause: err });
  }
  await db.query(`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [id]);
}

/** Applies the pending migrations of `dir` under the engine's advisory lock; returns the names it applied. */
export async function applyMigrations(db: SqlExec, dir: string, log: Logger): Promise<string[]> {
  const migrations = listMigrations(dir);
  await db.exec(CREATE_TABLE);
  await db.query(`SELECT pg_advisory_lock(${ADVISORY_LOCK_KEY})`);
  try {
    const rows = (await readMigrationRows(db)).filter((r) => r.rolled_back_at === null);
    assertNoFailed(rows);
    const done = new Map(rows.map((r) => [r.migration_name, r.checksum]));
    for (const name of done.keys()) {
      if (!migrations.some((m) => m.name === name)) log.warn("db.migration.unknown", { migration: name });
    }
    const applied: string[] = [];
    for (const migration of migrations) {
      const checksum = done.get(migration.name);
      if (checksum === undefined) {
        await applyOne(db, migration);
        log.info("db.migration.applied", { migration: migration.name });
        applied.push(migration.name);
      } else if (checksum !== migration.checksum) {
        log.warn("db.migration.edited", { migration: migration.name });
      }
    }
    return applied;
  } finally {
    await db.query(`SELECT pg_advisory_unlock(${ADVISORY_LOCK_KEY})`);
  }
}

type PgliteLike = { exec(sql: string): Promise<unknown>; query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }> };

/** An executor over a PGlite instance (one connection by nature). */
export function pgliteExec(pglite: PgliteLike): SqlExec {
  return {
    exec: async (script) => {
      await pglite.exec(script);
    },
    query: async <T>(sql: string, params?: unknown[]) => (await pglite.query<T>(sql, params)).rows,
  };
}

type PgClientLike = { query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }> };

/** An executor over one pg.Client: a Pool could run the advisory lock and the unlock on different sessions. */
export function pgClientExec(client: PgClientLike): SqlExec {
  return {
    exec: async (script) => {
      await client.query(script);
    },
    query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
  };
}
