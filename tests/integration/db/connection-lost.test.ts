// PostgreSQL only (TEST_DATABASE_URL): the registry's connections ended by the server under Myco (a
// restart, a failover, an operator's pg_terminate_backend) fail what was in flight, never the process.
// An uncaught error here fails the run: vitest reports it as an unhandled error.
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/lib/db";
import { openDb } from "@/lib/db/open-db";

const url = process.env.DATABASE_URL;
// apply-migrations.ts's advisory lock: holding it keeps an opening node waiting inside its migrations.
const MIGRATION_LOCK = 72707369;

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
  it("fails an open whose migrations lose their connection with that error, and the next open succeeds", async () => {
    await admin(async (holder) => {
      await holder.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
      const opening = openDb();
      const waiting = async () =>
        (await holder.query("SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'myco migrate' AND wait_event_type = 'Lock'")).rowCount;
      await expect.poll(waiting, { timeout: 10_000 }).toBe(1);
      expect(await terminate(holder, "application_name = $1", ["myco migrate"])).toBe(1);
      await expect(opening).rejects.toThrow(/terminat/i);
      await holder.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    });
    const db = await openDb();
    await db.close();
  });

  it("answers the next query after the pool's idle connections were ended", async () => {
    const db = await getDb();
    expect(await db.user.count()).toBeGreaterThanOrEqual(0);
    await admin(async (client) => {
      expect(await terminate(client, "state = 'idle' AND application_name NOT LIKE 'myco %'")).toBeGreaterThan(0);
    });
    await expect.poll(async () => db.user.count().then(() => true, () => false), { timeout: 5_000 }).toBe(true);
  });
});
