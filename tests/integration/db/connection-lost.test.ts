// PostgreSQL only (TEST_DATABASE_URL): the registry's connections ended by the server under Myco (a
// restart, a failover, an operator's pg_terminate_backend) fail what was in flight, never the process.
// An uncaught error here fails the run: vitest reports it as an unhandled error.
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/lib/db";
import { openDb } from "@/lib/db/open-db";

const url = process.env.DATABASE_URL;
async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Ends the server sessions on this database that `where` picks (the caller's own never); how many it ended. */
async function terminate(client: pg.Client, where: string, values: unknown[] = []): Promise<number> {
  // Materialised first: in one WHERE, PostgreSQL may call pg_terminate_backend before the other conditions.
  const sql = `WITH picked AS MATERIALIZED (SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND ${where})
    SELECT count(*)::int AS n FROM picked WHERE pg_terminate_backend(pid)`;
  return (await client.query<{ n: number }>(sql, values)).rows[0]?.n ?? 0;
}

afterAll(() => closeDb());

describe.skipIf(!url)("the registry on PostgreSQL, when the server ends its connections", () => {
  it("fails an open whose migrations lose their connection mid-way with that error, and the next open succeeds", async () => {
    await getDb(); // migrated, so the ledger exists to be held
    await closeDb();
    await admin(async (holder) => {
      // The ledger held: an opening node takes the migration lock, then waits on its first read of the
      // ledger, inside the migration. Ended there, its unlock follows on a dead connection: without an
      // 'error' listener, pg throws the loss as an uncaught exception (vitest fails the run on it).
      await holder.query('BEGIN; LOCK TABLE "_prisma_migrations" IN ACCESS EXCLUSIVE MODE');
      const failed = openDb().then(() => undefined, (err: unknown) => err); // handled from the start
      // Asked outside the holder's transaction, which would see one snapshot of pg_stat_activity.
      const waiting = () =>
        admin(async (client) => (await client.query("SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'myco migrate' AND wait_event_type = 'Lock'")).rowCount);
      await expect.poll(waiting, { timeout: 10_000 }).toBe(1);
      expect(await admin((client) => terminate(client, "application_name = $1", ["myco migrate"]))).toBe(1);
      expect(String(await failed)).toMatch(/terminat/i);
      await holder.query("ROLLBACK");
    });
    const db = await openDb();
    await db.close();
  });

  it("answers again once the pool's idle connections were ended", async () => {
    const db = await getDb();
    expect(await db.user.count()).toBeGreaterThanOrEqual(0);
    await admin(async (client) => {
      expect(await terminate(client, "state = 'idle' AND application_name NOT LIKE 'myco %'")).toBeGreaterThan(0);
    });
    await expect.poll(async () => db.user.count().then(() => true, () => false), { timeout: 5_000 }).toBe(true);
  });
});
