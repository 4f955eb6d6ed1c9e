import fs from "node:fs";
import path from "node:path";
import { getConfig } from "@/lib/config";
import { log, metrics } from "@/lib/log";
import { PrismaClient } from "./generated/client";
import { applyMigrations, pgClientExec, pgliteExec } from "./apply-migrations";

/** An open registry database: the client, and how to release everything behind it. */
export type OpenDb = { prisma: PrismaClient; close(): Promise<void> };

/** PostgreSQL major of the pinned @electric-sql/pglite (0.5.16); keep equal to PGLITE_PG_MAJOR in prisma/schema-engine.mjs. */
const EXPECTED_PG_MAJOR = "18";

/** The committed migrations; a literal path so `next build` traces only this directory. */
export function migrationsDir(): string {
  return path.join(process.cwd(), "prisma/migrations");
}

/** Throws an operator-facing Error when `dir` holds a database of another PostgreSQL major. */
function assertPgliteVersion(dir: string): void {
  const file = path.join(/*turbopackIgnore: true*/ dir, "PG_VERSION");
  if (!fs.existsSync(file)) return;
  const found = fs.readFileSync(file, "utf8").trim();
  if (found === EXPECTED_PG_MAJOR) return;
  throw new Error(
    `The embedded database in ${dir} was made by PostgreSQL ${found}, but this Myco embeds PostgreSQL ` +
      `${EXPECTED_PG_MAJOR} (a different PGlite), which cannot open it. Either move or delete ${dir} to start ` +
      `with an empty database, or dump it with the Myco version that made it and restore the dump here, ` +
      `or set DATABASE_URL to use a PostgreSQL server. See docs/database.md.`,
  );
}

async function openPostgres(url: string): Promise<OpenDb> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url, application_name: "myco migrate" });
  // A connection lost mid-way (a restart, a failover) fails the query in flight and so the open; without
  // a listener, pg would also throw it as an uncaught exception and take the whole process down.
  client.on("error", (err) => log.warn("db.migration_connection_lost", { err: err.message }));
  await client.connect();
  try {
    await applyMigrations(pgClientExec(client), migrationsDir(), log);
  } finally {
    await client.end();
  }
  const { PrismaPg } = await import("@prisma/adapter-pg");
  // Our own pool, so a scrape can read its figures; the adapter ends it on disconnect. The adapter types
  // pg with a newer @types/pg than ours; at run time both are this one pg (its instanceof check holds).
  const pool = new pg.Pool({ connectionString: url });
  const external = pool as unknown as ConstructorParameters<typeof PrismaPg>[0];
  const prisma = new PrismaClient({ adapter: new PrismaPg(external, { disposeExternalPool: true }) });
  const stopGauge = metrics.gaugeSource("dbPool", () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }));
  return {
    prisma,
    close: async () => {
      stopGauge();
      await prisma.$disconnect();
    },
  };
}

async function openPglite(dir: string): Promise<OpenDb> {
  assertPgliteVersion(dir);
  fs.mkdirSync(/*turbopackIgnore: true*/ dir, { recursive: true });
  const { PGlite } = await import("@electric-sql/pglite");
  const pglite = new PGlite(/*turbopackIgnore: true*/ dir);
  try {
    await pglite.waitReady;
    await applyMigrations(pgliteExec(pglite), migrationsDir(), log);
    const { PrismaPGlite } = await import("pglite-prisma-adapter");
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
    // PGlite is one connection in this process, always open.
    const stopGauge = metrics.gaugeSource("dbPool", () => ({ total: 1 }));
    return {
      prisma,
      close: async () => {
        stopGauge();
        await prisma.$disconnect();
        await pglite.close();
      },
    };
  } catch (err) {
    // An unclosed PGlite keeps the process alive; the open error is what the caller needs to see.
    await pglite.close().catch(() => undefined);
    throw err;
  }
}

/**
 * Opens DATABASE_URL's PostgreSQL, or else the embedded PGlite in the data dir, and migrates it.
 * The data dir is configuration, so its paths carry turbopackIgnore: `next build` must not trace them.
 */
export async function openDb(): Promise<OpenDb> {
  const { databaseUrl, dataDir } = getConfig();
  if (databaseUrl) {
    const db = await openPostgres(databaseUrl);
    log.info("db.opened", { kind: "postgres" });
    return db;
  }
  const db = await openPglite(path.join(/*turbopackIgnore: true*/ dataDir, "pglite"));
  log.info("db.opened", { kind: "pglite" });
  return db;
}
