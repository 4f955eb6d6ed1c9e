// The registry database on whatever tests/support/setup.ts selected: PGlite, or PostgreSQL with TEST_DATABASE_URL.
import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb, getMigrationStatus, isNotFound, isUniqueViolation, recordAudit, type Tx } from "@/lib/db";
import {
  noFilters,
  openSchemaEngine,
  openTarget,
  readMigrationsList,
  schemasContainer,
  type SchemaEngine,
  type Target,
} from "../../../prisma/schema-engine.mjs";

const root = process.cwd();
const schemaPath = path.join(root, "prisma/schema.prisma");
const migrationsDir = path.join(root, "prisma/migrations");
const committed = fs
  .readdirSync(migrationsDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const kind = process.env.DATABASE_URL ? "PostgreSQL" : "PGlite";

type HistoryRow = { id: string; migration_name: string; started_at: Date };

async function history(): Promise<HistoryRow[]> {
  const db = await getDb();
  return db.$queryRaw<HistoryRow[]>`SELECT id, migration_name, started_at FROM "_prisma_migrations" ORDER BY started_at`;
}

function readPackageVersion(name: string): string {
  const file = path.join(root, "node_modules", name, "package.json");
  return (JSON.parse(fs.readFileSync(file, "utf8")) as { version: string }).version;
}

describe(`registry database on ${kind}`, () => {
  let firstHistory: HistoryRow[] = [];

  it("uses the schema engine build of the installed Prisma", () => {
    expect(readPackageVersion("@prisma/schema-engine-wasm")).toBe(readPackageVersion("@prisma/engines-version"));
  });

  it("has committed migrations to apply", () => {
    expect(committed.length).toBeGreaterThan(0);
  });

  it("migrates a fresh database on the first getDb()", async () => {
    expect(await isEmptyDatabase()).toBe(true);
    expect(await getMigrationStatus()).toEqual({ applied: committed, pending: [], failed: [] });
    firstHistory = await history();
    expect(firstHistory.map((r) => r.migration_name)).toEqual(committed);
  });

  it("returns one client per process", async () => {
    const [a, b] = await Promise.all([getDb(), getDb()]);
    expect(a).toBe(b);
  });

  describe("checked by Prisma's schema engine", () => {
    let target: Target;
    let engine: SchemaEngine;
    const schema = () => schemasContainer(schemaPath);

    beforeAll(async () => {
      await closeDb(); // PGlite is single-connection: the engine needs the directory to itself
      target = await openTarget(process.env);
      engine = await openSchemaEngine({ schemaPath, adapterFactory: target.factory });
    });

    afterAll(async () => {
      engine?.free();
      await target?.close();
    });

    it("finds the live database identical to schema.prisma", async () => {
      const from = { tag: "schemaDatasource" as const, ...schema(), configDir: root };
      const r = await engine.diff({ from, to: { tag: "schemaDatamodel", ...schema() }, script: true, exitCode: true, filters: noFilters });
      expect(r.exitCode, `database drifted from schema.prisma:\n${r.stdout}`).toBe(0);
    });

    it("finds the committed migrations, replayed on a shadow database, identical to schema.prisma", async () => {
      const from = { tag: "migrations" as const, ...readMigrationsList(migrationsDir) };
      const r = await engine.diff({ from, to: { tag: "schemaDatamodel", ...schema() }, script: true, exitCode: true, filters: noFilters });
      expect(r.exitCode, `schema.prisma has changes without a migration (npm run db:migrate -- <name>):\n${r.stdout}`).toBe(0);
    });

    it("accepts the history the in-process runner wrote as its own", async () => {
      const migrationsList = readMigrationsList(migrationsDir);
      const diagnosis = await engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters: noFilters });
      expect({ ...diagnosis }).toEqual({ editedMigrationNames: [], failedMigrationNames: [], hasMigrationsTable: true, history: null });
      const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: noFilters });
      expect(appliedMigrationNames).toEqual([]);
    });
  });

  it("reopens without applying anything again", async () => {
    await closeDb();
    expect(await history()).toEqual(firstHistory);
    expect(await getMigrationStatus()).toEqual({ applied: committed, pending: [], failed: [] });
  });

  it("reports a rolled-back migration as pending and an unfinished one as failed", async () => {
    const db = await getDb();
    const [first] = committed;
    await db.$executeRaw`UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = ${first}`;
    await db.$executeRaw`INSERT INTO "_prisma_migrations" (id, checksum, migration_name) VALUES (${randomUUID()}, 'x', '20991231000000_broken')`;
    try {
      expect(await getMigrationStatus()).toEqual({ applied: committed.slice(1), pending: [first], failed: ["20991231000000_broken"] });
      await closeDb();
      await expect(getDb()).rejects.toThrow(/20991231000000_broken failed earlier/);
    } finally {
      await execWhileClosed(
        `UPDATE "_prisma_migrations" SET rolled_back_at = NULL WHERE migration_name = '${first}';
         DELETE FROM "_prisma_migrations" WHERE migration_name = '20991231000000_broken';`,
      );
    }
    expect(await getMigrationStatus()).toEqual({ applied: committed, pending: [], failed: [] });
  });

  it("maps unique violations, single and composite, to isUniqueViolation", async () => {
    const db = await getDb();
    const email = `dup-${randomUUID()}@example.test`;
    await db.user.create({ data: { email, name: "A" } });
    const dup = await db.user.create({ data: { email, name: "B" } }).catch((e: unknown) => e);
    expect(isUniqueViolation(dup)).toBe(true);
    expect(isNotFound(dup)).toBe(false);

    const user = await db.user.findUniqueOrThrow({ where: { email } });
    const project = await db.project.create({ data: { slug: `p-${randomUUID()}`, name: "P" } });
    const member = { projectId: project.id, userId: user.id, role: "owner" as const };
    await db.membership.create({ data: member });
    expect(isUniqueViolation(await db.membership.create({ data: member }).catch((e: unknown) => e))).toBe(true);
  });

  it("maps a missing record to isNotFound", async () => {
    const db = await getDb();
    const missing = await db.user.update({ where: { id: randomUUID() }, data: { name: "x" } }).catch((e: unknown) => e);
    expect(isNotFound(missing)).toBe(true);
    expect(isUniqueViolation(missing)).toBe(false);
    expect(isNotFound(new Error("P2025"))).toBe(false);
  });

  it("rolls back an interactive transaction that throws", async () => {
    const db = await getDb();
    const email = `tx-${randomUUID()}@example.test`;
    const failing = db.$transaction(async (tx: Tx) => {
      await tx.user.create({ data: { email, name: "T" } });
      throw new Error("abort the transaction");
    });
    await expect(failing).rejects.toThrow("abort the transaction");
    expect(await db.user.findUnique({ where: { email } })).toBeNull();
  });

  it("writes audit events with the transaction they record, dropping unset fields", async () => {
    const db = await getDb();
    const action = `test.${randomUUID()}`;
    const aborted = db.$transaction(async (tx: Tx) => {
      await recordAudit(tx, {}, action, { outcome: "aborted" });
      throw new Error("abort the transaction");
    });
    await expect(aborted).rejects.toThrow("abort the transaction");
    await db.$transaction((tx: Tx) => recordAudit(tx, { actorId: null }, action, { outcome: "kept", unset: undefined }));
    const events = await db.auditEvent.findMany({ where: { action } });
    expect(events.map((e) => ({ projectId: e.projectId, actorId: e.actorId, data: e.data }))).toEqual([
      { projectId: null, actorId: null, data: { outcome: "kept" } },
    ]);
  });
});

/** True before anything created the registry database: no PGlite directory, or no tables in PostgreSQL. */
async function isEmptyDatabase(): Promise<boolean> {
  const url = process.env.DATABASE_URL;
  if (!url) return !fs.existsSync(path.join(process.env.MYCO_DATA_DIR ?? "", "pglite"));
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`);
    return rows[0]?.n === 0;
  } finally {
    await client.end();
  }
}

/** Runs SQL on the registry database while getDb() is closed (it may refuse to open meanwhile). */
async function execWhileClosed(sql: string): Promise<void> {
  await closeDb();
  const url = process.env.DATABASE_URL;
  if (!url) {
    const target = await openTarget(process.env);
    try {
      if (target.kind === "pglite") await target.db.exec(sql);
    } finally {
      await target.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
