// Runs before every test file, in that file's own process: a fresh data dir and a fresh registry database.
// PGlite by default; with TEST_DATABASE_URL (a PostgreSQL server's admin URL, e.g.
// postgresql://postgres@127.0.0.1:5432/test) a new database myco_t_<random> on that server.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

// The environment is set now, before the test file is imported and anything reads the configuration.
const dataDir = path.join(os.tmpdir(), `myco-test-${randomBytes(6).toString("hex")}`);
process.env.MYCO_DATA_DIR = dataDir;
process.env.LOG_LEVEL ??= "silent";
// Tests that scrape start their own metrics listener on a free port; nothing takes the default one.
process.env.MYCO_METRICS_PORT = "0";
// Rate limits count in-process in tests; the Redis-backed limiter is tested on its own (TEST_REDIS_URL).
for (const name of ["REDIS_URL", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "AI_BASE_URL", "AI_API_KEY", "AI_MODEL", "AI_FALLBACK_PROVIDERS"]) {
  delete process.env[name];
}
// Tests point projects' own model endpoints at the fake model server on loopback (tests/support/model-server.ts);
// every other private address stays refused.
process.env.AI_ALLOW_PRIVATE_HOSTS = "127.0.0.1";

const adminUrl = process.env.TEST_DATABASE_URL;
const databaseName = adminUrl ? `myco_t_${randomBytes(6).toString("hex")}` : undefined;
if (adminUrl && databaseName) {
  const url = new URL(adminUrl);
  url.pathname = `/${databaseName}`;
  process.env.DATABASE_URL = url.toString();
} else {
  // A DATABASE_URL inherited from the shell must never receive test data.
  delete process.env.DATABASE_URL;
}

// The directory and database are made in hooks, not at import: vitest runs no hooks for a file whose
// tests are all skipped, so anything made at import would never be cleaned up. These hooks are
// registered before the test file's own, so this beforeAll runs first and this afterAll last.
beforeAll(async () => {
  fs.mkdirSync(dataDir, { recursive: true });
  if (adminUrl && databaseName) await adminQuery(adminUrl, `CREATE DATABASE "${databaseName}"`);
});

afterAll(async () => {
  // Builds a commit started in the background finish first: they write to the database (and would open it
  // again after closeDb). Then coordination sessions (locks, LISTEN) end before their database is dropped.
  const [{ settleCommitWork }, { closeCoordination }, { closeDb }] = await Promise.all([
    import("@/lib/workspace/commit-info"),
    import("@/lib/coordination"),
    import("@/lib/db"),
  ]);
  try {
    // Bounded: a build that hangs must not keep the database and the data dir from being cleaned up.
    await Promise.race([settleCommitWork(), new Promise((resolve) => setTimeout(resolve, 20_000).unref())]);
  } finally {
    await closeCoordination();
    await closeDb();
    if (adminUrl && databaseName) await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
