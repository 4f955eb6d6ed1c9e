// A tenant's query runner: a child process the server forks for one tenant's lane
// (lib/tenant-db/query-lanes.ts), so that a runaway statement can be SIGKILLed without ever blocking
// the server's event loop (better-sqlite3 runs synchronously and cannot be interrupted). Plain JS,
// outside Next's build; it runs with an empty environment and answers one call at a time over IPC.
// Every tenant-written expression the platform evaluates (queries, writes, a table's generated
// columns while browsing, a migration's DDL) is evaluated here, never in the server.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { runBackup, runMigrate } from "./runner-migrate.mjs";
import { runChangeRow } from "./runner-rows.mjs";
import { runBrowse, runSchema } from "./runner-schema.mjs";
import { runRead, runWrite } from "./runner-statements.mjs";

const OPERATIONS = { read: runRead, write: runWrite, schema: runSchema, browse: runBrowse, migrate: runMigrate, backup: runBackup, row: runChangeRow };

// SQLite says "disk is full" both past the quota (max_page_count) and when the disk is: under this much
// free space it is the disk.
const LOW_DISK_BYTES = 1024 * 1024;

/**
 * The disk under the database refused the write (a read-only or forbidden folder, a full disk): the
 * platform's fault, not the tenant's SQL, so it is reported as such and the store named by the server.
 */
function diskFault(err, request) {
  const file = request.target ?? request.file;
  if (typeof file !== "string" || !/^SQLITE_(READONLY|CANTOPEN|IOERR|FULL)/.test(err.code)) return null;
  const dir = path.dirname(file);
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (denied) {
    return { ok: false, kind: "disk", fault: denied.code === "EROFS" ? "read_only" : "denied", message: denied.code };
  }
  const { bavail, bsize } = fs.statfsSync(dir);
  return bavail * bsize < LOW_DISK_BYTES ? { ok: false, kind: "disk", fault: "full", message: "ENOSPC" } : null;
}

function failure(err, request) {
  // Only SQLite's own messages go back to the tenant; anything else is a bug, reported generically.
  const isSqlite = err instanceof Database.SqliteError;
  if (isSqlite) return diskFault(err, request) ?? { ok: false, kind: err.code === "SQLITE_FULL" ? "full" : "sqlite", message: err.message };
  return { ok: false, kind: "internal", message: String(err) };
}

async function answer(request) {
  const cpuBefore = process.cpuUsage();
  let reply;
  try {
    const operation = OPERATIONS[request.op];
    reply = operation ? await operation(request) : { ok: false, kind: "internal", message: `unknown operation ${request.op}` };
  } catch (err) {
    reply = failure(err, request);
  }
  // CPU time, not wall time: the server's per-tenant share counts what the tenant really used.
  const cpu = process.cpuUsage(cpuBefore);
  process.send({ id: request.id, cpuMs: (cpu.user + cpu.system) / 1000, ...reply });
}

process.on("message", (request) => void answer(request));

// The server went away: nothing is left to answer.
process.on("disconnect", () => process.exit(0));
process.send({ ready: true });
