// Drives Prisma's own schema engine compiled to WASM (@prisma/schema-engine-wasm), the same Rust code
// as the native `schema-engine` binary, through driver adapters. The Prisma CLI's migrate commands
// would download that binary first, which fails offline; see docs/database.md.
import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

const require = createRequire(import.meta.url);

/** PostgreSQL major of the pinned @electric-sql/pglite; keep equal to EXPECTED_PG_MAJOR in lib/db. */
const PGLITE_PG_MAJOR = "18";

let engineClass;
async function loadEngineClass() {
  if (engineClass) return engineClass;
  const runtime = await import("@prisma/schema-engine-wasm/schema_engine_bg");
  const jsPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const wasm = new WebAssembly.Module(fs.readFileSync(jsPath.replace(/\.js$/, ".wasm")));
  const instance = new WebAssembly.Instance(wasm, { "./schema_engine_bg.js": runtime });
  runtime.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  engineClass = runtime.SchemaEngine;
  return engineClass;
}

/** The engine's MigrationList: the host lists migrations, the engine never reads the disk itself. */
export function readMigrationsList(migrationsDir) {
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  const dirs = fs.existsSync(migrationsDir)
    ? fs.readdirSync(migrationsDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()
    : [];
  return {
    baseDir: migrationsDir,
    lockfile: { path: "migration_lock.toml", content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((name) => {
      let content;
      try {
        content = { tag: "ok", value: fs.readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8") };
      } catch (e) {
        content = { tag: "error", value: String(e) };
      }
      return { path: name, migrationFile: { path: "migration.sql", content } };
    }),
  };
}

export const noFilters = { externalTables: [], externalEnums: [] };

export function schemasContainer(schemaPath) {
  return { files: [{ path: schemaPath, content: fs.readFileSync(schemaPath, "utf8") }] };
}

export async function openSchemaEngine({ schemaPath, adapterFactory, debug = false }) {
  const SchemaEngine = await loadEngineClass();
  const bound = bindMigrationAwareSqlAdapterFactory(adapterFactory);
  const datamodels = [[schemaPath, fs.readFileSync(schemaPath, "utf8")]];
  const log = (line) => {
    if (debug) process.stderr.write(`[schema-engine] ${line}\n`);
  };
  try {
    return await SchemaEngine.new({ datamodels }, log, bound);
  } catch (e) {
    // Driver errors cross the WASM boundary as registry ids; surface the original error.
    const registered = bound.errorRegistry?.lookupError?.(e);
    throw registered ? registered.error : e;
  }
}

// Upstream bug workaround: pglite-prisma-adapter 0.7.2 does not await client.exec(script), so a failing
// migration is recorded as applied.
function fixPgliteScript(adapter) {
  adapter.executeScript = async (script) => {
    try {
      await adapter.client.exec(script);
    } catch (e) {
      adapter.onError(e);
    }
  };
  return adapter;
}

// Upstream bug workaround: adapter-pg 7.10 cannot decode pg_catalog's internal "char" type (oid 18),
// which the schema describer reads (relkind, contype, ...); report those columns as text (oid 25).
function fixCharColumns(queryable) {
  const performIO = queryable.performIO.bind(queryable);
  queryable.performIO = async (query) => {
    const result = await performIO(query);
    for (const field of result?.fields ?? []) if (field.dataTypeID === 18) field.dataTypeID = 25;
    return result;
  };
  return queryable;
}

// Upstream bug workaround: adapter-pg 7.10 splits scripts on ";" and runs the pieces in autocommit,
// which breaks $$ bodies and leaves half-applied migrations. One simple-protocol query runs the whole
// script in one implicit transaction, as the native engine does.
function fixPgAdapter(adapter) {
  adapter.executeScript = async (script) => {
    try {
      await adapter.underlyingDriver().query(script);
    } catch (e) {
      adapter.onError(e);
    }
  };
  fixCharColumns(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (...args) => fixCharColumns(await startTransaction(...args));
  return adapter;
}

/** A migration-aware adapter factory over an open PGlite; the shadow database is a throw-away in-memory PGlite. */
export function pgliteFactory(db) {
  const factory = new PrismaPGlite(db);
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => fixPgliteScript(await factory.connect()),
    connectToShadowDb: async () => {
      const shadow = new PGlite();
      const adapter = fixPgliteScript(await new PrismaPGlite(shadow).connect());
      adapter.dispose = () => shadow.close();
      return adapter;
    },
  };
}

/**
 * A migration-aware adapter factory for PostgreSQL; the shadow database is created beside the target and dropped.
 * Call end() when done: the factory owns its connection.
 */
export function pgFactory(connectionString) {
  // One connection, as the native engine has: its advisory lock and unlock must run on the same session,
  // or a pooled connection keeps the lock and blocks every later migrator until the pool idles it out.
  const pool = new pg.Pool({ connectionString, max: 1 });
  const factory = new PrismaPg(pool);
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => fixPgAdapter(await factory.connect()),
    // Upstream bug workaround: adapter-pg 7.10's own connectToShadowDb passes the shadow name beside a
    // connectionString, which wins in pg, so its "shadow" is the main database.
    connectToShadowDb: async () => {
      const admin = new pg.Client({ connectionString });
      // Idle while the shadow migrations run: a lost connection fails the drop below, not the process.
      admin.on("error", (err) => console.warn(`The shadow database's admin connection was lost: ${err.message}`));
      await admin.connect();
      const name = `prisma_migrate_shadow_db_${randomUUID()}`;
      await admin.query(`CREATE DATABASE "${name}"`).catch(async (e) => {
        await admin.end();
        throw e;
      });
      const url = new URL(connectionString);
      url.pathname = `/${name}`;
      const shadowPool = new pg.Pool({ connectionString: url.toString(), max: 1 });
      const shadow = fixPgAdapter(await new PrismaPg(shadowPool).connect());
      shadow.dispose = async () => {
        await shadowPool.end();
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.end();
      };
      return shadow;
    },
    end: () => pool.end(),
  };
}

/** Throws when a PGlite data dir was made by another PostgreSQL major, which PGlite cannot open. */
export function assertPgliteVersion(dir) {
  const file = path.join(dir, "PG_VERSION");
  if (!fs.existsSync(file)) return;
  const found = fs.readFileSync(file, "utf8").trim();
  if (found === PGLITE_PG_MAJOR) return;
  throw new Error(
    `${dir} holds a PostgreSQL ${found} database, but this PGlite runs PostgreSQL ${PGLITE_PG_MAJOR}. ` +
      `Delete the directory to start empty, or dump it with the PGlite version that made it and restore it.`,
  );
}

/**
 * The database Myco uses: DATABASE_URL (postgres) if set, else the embedded PGlite in $MYCO_DATA_DIR/pglite.
 * `ephemeral` swaps that PGlite for an in-memory one, for commands that only need a shadow database.
 */
export async function openTarget(env = process.env, { ephemeral = false } = {}) {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) throw new Error("DATABASE_URL must be a postgres:// or postgresql:// URL");
    const factory = pgFactory(url);
    return { kind: "postgres", label: new URL(url).pathname.slice(1), factory, close: () => factory.end() };
  }
  if (ephemeral) {
    const db = new PGlite();
    await db.waitReady;
    return { kind: "pglite", label: "(in memory)", db, factory: pgliteFactory(db), close: () => db.close() };
  }
  const dir = path.resolve(env.MYCO_DATA_DIR?.trim() || "./data", "pglite");
  assertPgliteVersion(dir);
  fs.mkdirSync(dir, { recursive: true });
  const db = new PGlite(dir);
  await db.waitReady;
  return { kind: "pglite", label: dir, db, factory: pgliteFactory(db), close: () => db.close() };
}
