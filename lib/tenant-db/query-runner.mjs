// A tenant's query runner: a child process the server forks for one tenant's lane
// (lib/tenant-db/query-lanes.ts), so that a runaway statement can be SIGKILLed without ever blocking
// the server's event loop (better-sqlite3 runs synchronously and cannot be interrupted). Plain JS,
// outside Next's build; it runs with an empty environment and answers one call at a time over IPC.
// Every tenant-written expression the platform evaluates (queries, writes, a table's generated
// columns while browsing, a migration's DDL) is evaluated here, never in the server.
import Database from "better-sqlite3";
import { runBackup, runMigrate } from "./runner-migrate.mjs";
import { runBrowse, runSchema } from "./runner-schema.mjs";
import { runRead, runWrite } from "./runner-statements.mjs";

const OPERATIONS = { read: runRead, write: runWrite, schema: runSchema, browse: runBrowse, migrate: runMigrate, backup: runBackup };

function failure(err) {
  // Only SQLite's own messages go back to the tenant; anything else is a bug, reported generically.
  const isSqlite = err instanceof Database.SqliteError;
  const kind = isSqlite ? (err.code === "SQLITE_FULL" ? "full" : "sqlite") : "internal";
  return { ok: false, kind, message: isSqlite ? err.message : String(err) };
}

async function answer(request) {
  const cpuBefore = process.cpuUsage();
  let reply;
  try {
    const operation = OPERATIONS[request.op];
    reply = operation ? await operation(request) : { ok: false, kind: "internal", message: `unknown operation ${request.op}` };
  } catch (err) {
    reply = failure(err);
  }
  // CPU time, not wall time: the server's per-tenant share counts what the tenant really used.
  const cpu = process.cpuUsage(cpuBefore);
  process.send({ id: request.id, cpuMs: (cpu.user + cpu.system) / 1000, ...reply });
}

process.on("message", (request) => void answer(request));

// The server went away: nothing is left to answer.
process.on("disconnect", () => process.exit(0));
process.send({ ready: true });
