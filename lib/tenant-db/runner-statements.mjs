// The query runner's read and write operations (see query-runner.mjs): one tenant statement each,
// on a connection opened for that one call.
import Database from "better-sqlite3";

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** The same rules as cell-values.ts. */
export function toCell(value) {
  if (typeof value === "bigint") return value >= MIN_SAFE && value <= MAX_SAFE ? Number(value) : value.toString();
  if (Buffer.isBuffer(value)) return { base64: value.toString("base64") };
  return value ?? null;
}

/** The same estimate as cell-values.ts. */
export function cellBytes(cell) {
  if (typeof cell === "string") return cell.length + 2;
  if (cell !== null && typeof cell === "object") return cell.base64.length + 12;
  return 8;
}

/**
 * Opens a tenant file for one call; the server created it, so a missing file is never made here. A
 * writer gets the quota as max_page_count: SQLite then fails a write past it with SQLITE_FULL.
 */
export function openFile(file, { readonly, quotaBytes }) {
  // Without a quota a writer would get SQLite's default, which is none: refused, never defaulted.
  if (!readonly && !(Number.isSafeInteger(quotaBytes) && quotaBytes > 0)) throw new Error("a change needs a quota in bytes");
  const db = new Database(file, { readonly, fileMustExist: true });
  // Views, triggers, defaults, CHECKs and generated columns may call only innocuous functions.
  db.pragma("trusted_schema = OFF");
  if (!readonly) {
    db.pragma("foreign_keys = ON");
    db.pragma("busy_timeout = 5000");
    db.pragma(`max_page_count = ${Math.floor(quotaBytes / db.pragma("page_size", { simple: true }))}`);
  }
  return db;
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

function tooLarge(maxBytes) {
  return { ok: false, kind: "too_large", message: `The result exceeds ${maxBytes} bytes.` };
}

/** One read-only statement that returns rows. */
export function runRead({ file, sql, params, limit, maxBytes }) {
  const started = performance.now();
  // Read-only: writes, and files other than the one named, are impossible.
  const db = openFile(file, { readonly: true });
  try {
    const stmt = db.prepare(sql);
    // ATTACH counts as read-only to SQLite; requiring a statement that returns rows refuses it.
    if (!stmt.reader || !stmt.readonly) return { ok: false, kind: "not_reader", message: "Only read-only queries that return rows are allowed." };
    stmt.raw(true);
    stmt.safeIntegers(true);
    const columns = stmt.columns().map((c) => c.name);
    const read = readRows(stmt, params, limit, maxBytes);
    if (!read) return tooLarge(maxBytes);
    return { ok: true, result: { columns, ...read, durationMs: Math.round(performance.now() - started) } };
  } finally {
    db.close();
  }
}

// A data change from a function: read-write, within the quota, foreign keys enforced. DDL never
// reaches here (validate-write.ts refuses it).
export function runWrite({ file, sql, params, limit, maxBytes, quotaBytes }) {
  const started = performance.now();
  const db = openFile(file, { readonly: false, quotaBytes });
  try {
    const stmt = db.prepare(sql);
    if (stmt.reader) {
      stmt.raw(true);
      stmt.safeIntegers(true);
      const columns = stmt.columns().map((c) => c.name);
      const read = db.transaction(() => readRows(stmt, params, limit, maxBytes))();
      if (!read) return tooLarge(maxBytes);
      const changes = db.prepare("SELECT changes()").pluck().get();
      return { ok: true, result: { columns, ...read, changes, durationMs: Math.round(performance.now() - started) } };
    }
    const info = stmt.run(...params);
    const lastInsertRowid = toCell(typeof info.lastInsertRowid === "bigint" ? info.lastInsertRowid : BigInt(info.lastInsertRowid));
    const durationMs = Math.round(performance.now() - started);
    return { ok: true, result: { columns: [], rows: [], truncated: false, changes: info.changes, lastInsertRowid, durationMs } };
  } finally {
    db.close();
  }
}
