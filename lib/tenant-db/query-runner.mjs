// The tenant query runner: a child process the server forks (lib/tenant-db/query-runner-client.ts),
// so that a runaway query can be SIGKILLed without ever blocking the server's event loop
// (better-sqlite3 runs queries synchronously and cannot interrupt them). Plain JS, outside Next's
// build; it runs with an empty environment and answers one query at a time over IPC.
import Database from "better-sqlite3";

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

// The same rules as cell-values.ts.
function toCell(value) {
  if (typeof value === "bigint") return value >= MIN_SAFE && value <= MAX_SAFE ? Number(value) : value.toString();
  if (Buffer.isBuffer(value)) return { base64: value.toString("base64") };
  return value ?? null;
}

function cellBytes(cell) {
  if (typeof cell === "string") return cell.length + 2;
  if (cell !== null && typeof cell === "object") return cell.base64.length + 12;
  return 8;
}

function readRows(stmt, params, limit, maxBytes) {
  const rows = [];
  let bytes = 0;
  for (const raw of stmt.iterate(...params)) {
    // One row past the limit tells the caller the result was cut short.
    if (rows.length === limit) return { rows, truncated: true };
    const row = raw.map(toCell);
    bytes += row.reduce((sum, cell) => sum + cellBytes(cell), 0);
    if (bytes > maxBytes) return undefined;
    rows.push(row);
  }
  return { rows, truncated: false };
}

function runQuery({ file, sql, params, limit, maxBytes }) {
  const started = performance.now();
  // Read-only and never created here: writes, and files other than the one named, are impossible.
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma("trusted_schema = OFF");
    const stmt = db.prepare(sql);
    // ATTACH counts as read-only to SQLite; requiring a statement that returns rows refuses it.
    if (!stmt.reader || !stmt.readonly) return { ok: false, kind: "not_reader", message: "Only read-only queries that return rows are allowed." };
    stmt.raw(true);
    stmt.safeIntegers(true);
    const columns = stmt.columns().map((c) => c.name);
    const read = readRows(stmt, params, limit, maxBytes);
    if (!read) return { ok: false, kind: "too_large", message: `The result exceeds ${maxBytes} bytes.` };
    return { ok: true, result: { columns, ...read, durationMs: Math.round(performance.now() - started) } };
  } finally {
    db.close();
  }
}

// A data change from a function: read-write, within the quota, foreign keys enforced. The file exists
// (the server created it); DDL never reaches here (validate-write.ts refuses it).
function runWrite({ file, sql, params, limit, maxBytes, maxPages }) {
  const started = performance.now();
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma("trusted_schema = OFF");
    db.pragma("foreign_keys = ON");
    db.pragma("busy_timeout = 5000");
    db.pragma(`max_page_count = ${maxPages}`);
    const stmt = db.prepare(sql);
    if (stmt.reader) {
      stmt.raw(true);
      stmt.safeIntegers(true);
      const columns = stmt.columns().map((c) => c.name);
      const read = db.transaction(() => readRows(stmt, params, limit, maxBytes))();
      if (!read) return { ok: false, kind: "too_large", message: `The result exceeds ${maxBytes} bytes.` };
      return { ok: true, result: { columns, ...read, changes: db.prepare("SELECT changes()").pluck().get(), durationMs: Math.round(performance.now() - started) } };
    }
    const info = stmt.run(...params);
    const lastInsertRowid = toCell(typeof info.lastInsertRowid === "bigint" ? info.lastInsertRowid : BigInt(info.lastInsertRowid));
    return { ok: true, result: { columns: [], rows: [], truncated: false, changes: info.changes, lastInsertRowid, durationMs: Math.round(performance.now() - started) } };
  } finally {
    db.close();
  }
}

process.on("message", (request) => {
  let reply;
  try {
    reply = request.mode === "write" ? runWrite(request) : runQuery(request);
  } catch (err) {
    // Only SQLite's own messages go back to the tenant; anything else is a bug, reported generically.
    const isSqlite = err instanceof Database.SqliteError;
    const kind = isSqlite ? (err.code === "SQLITE_FULL" ? "full" : "sqlite") : "internal";
    reply = { ok: false, kind, message: isSqlite ? err.message : String(err) };
  }
  process.send({ id: request.id, ...reply });
});

// The server went away: nothing is left to answer.
process.on("disconnect", () => process.exit(0));
process.send({ ready: true });
