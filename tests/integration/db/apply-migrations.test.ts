// The in-process migration runner against a scratch migrations directory, on PGlite (in memory) or, with
// TEST_DATABASE_URL, on the fresh PostgreSQL database the setup made (this file never opens getDb()).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createHash } from "node:crypto";
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Logger, LogFields } from "@/lib/log";
import { applyMigrations, pgClientExec, pgliteExec, type SqlExec } from "@/lib/db/apply-migrations";

type Event = { level: string; event: string; fields?: LogFields };

function recordingLogger(events: Event[]): Logger {
  const logger: Logger = {
    debug: (event, fields) => events.push({ level: "debug", event, fields }),
    info: (event, fields) => events.push({ level: "info", event, fields }),
    warn: (event, fields) => events.push({ level: "warn", event, fields }),
    error: (event, fields) => events.push({ level: "error", event, fields }),
    child: () => logger,
  };
  return logger;
}

const migrationsDir = fs.mkdtempSync(path.join(os.tmpdir(), "myco-migrations-"));

function writeMigration(name: string, sql: string): void {
  fs.mkdirSync(path.join(migrationsDir, name), { recursive: true });
  fs.writeFileSync(path.join(migrationsDir, name, "migration.sql"), sql);
}

describe(`applyMigrations on ${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"}`, () => {
  let db: SqlExec;
  let close: () => Promise<void>;
  const events: Event[] = [];
  const log = recordingLogger(events);

  beforeAll(async () => {
    const url = process.env.DATABASE_URL;
    if (url) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      db = pgClientExec(client);
      close = () => client.end();
    } else {
      const pglite = new PGlite();
      await pglite.waitReady;
      db = pgliteExec(pglite);
      close = () => pglite.close();
    }
  });

  afterAll(async () => {
    await close?.();
    fs.rmSync(migrationsDir, { recursive: true, force: true });
  });

  it("applies pending migrations in name order and records them as Prisma does", async () => {
    writeMigration("20240102000000_second", `ALTER TABLE "A" ADD COLUMN "note" TEXT NOT NULL DEFAULT 'a;b';`);
    writeMigration("20240101000000_first", `CREATE TABLE "A" ("id" INT PRIMARY KEY);`);
    expect(await applyMigrations(db, migrationsDir, log)).toEqual(["20240101000000_first", "20240102000000_second"]);

    const rows = await db.query<{ migration_name: string; checksum: string; applied_steps_count: number; finished_at: Date | null }>(
      `SELECT migration_name, checksum, applied_steps_count, finished_at FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    const sql = fs.readFileSync(path.join(migrationsDir, "20240101000000_first", "migration.sql"));
    expect(rows[0]).toMatchObject({ checksum: createHash("sha256").update(sql).digest("hex"), applied_steps_count: 1 });
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);
    expect(events.filter((e) => e.event === "db.migration.applied")).toHaveLength(2);
  });

  it("applies nothing the second time", async () => {
    expect(await applyMigrations(db, migrationsDir, log)).toEqual([]);
  });

  it("warns about a migration edited after it was applied, and does not re-run it", async () => {
    fs.appendFileSync(path.join(migrationsDir, "20240101000000_first", "migration.sql"), "\n-- edited\n");
    expect(await applyMigrations(db, migrationsDir, log)).toEqual([]);
    expect(events).toContainEqual({ level: "warn", event: "db.migration.edited", fields: { migration: "20240101000000_first" } });
  });

  it("rolls a failing migration back whole, records it as failed and refuses to go on", async () => {
    writeMigration(
      "20240103000000_broken",
      `CREATE TABLE "Half" ("id" INT);
       CREATE FUNCTION half_one() RETURNS INT AS $$ SELECT 1; $$ LANGUAGE sql;
       SELECT 1 / 0;`,
    );
    writeMigration("20240104000000_after", `CREATE TABLE "After" ("id" INT);`);
    await expect(applyMigrations(db, migrationsDir, log)).rejects.toThrow(/20240103000000_broken failed: .*division by zero/);

    const [half] = await db.query<{ half: string | null; after: string | null }>(
      `SELECT to_regclass('"Half"')::text AS half, to_regclass('"After"')::text AS after`,
    );
    expect(half).toEqual({ half: null, after: null });
    const [row] = await db.query<{ finished_at: Date | null; logs: string | null }>(
      `SELECT finished_at, logs FROM "_prisma_migrations" WHERE migration_name = '20240103000000_broken'`,
    );
    expect(row?.finished_at).toBeNull();
    expect(row?.logs).toMatch(/division by zero/);

    await expect(applyMigrations(db, migrationsDir, log)).rejects.toThrow(/20240103000000_broken failed earlier/);
  });

  it("goes on once the failed migration is fixed and marked rolled back", async () => {
    writeMigration("20240103000000_broken", `CREATE TABLE "Half" ("id" INT);`);
    await db.query(`UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = '20240103000000_broken'`);
    expect(await applyMigrations(db, migrationsDir, log)).toEqual(["20240103000000_broken", "20240104000000_after"]);
  });
});
