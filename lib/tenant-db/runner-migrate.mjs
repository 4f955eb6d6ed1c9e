// The query runner's schema changes and backups (see query-runner.mjs). A migration's statements
// evaluate tenant expressions over every row (an index expression, a CHECK, a generated column), so
// they run here, where a deadline can SIGKILL them; SQLite rolls the open transaction back.
import fs from "node:fs";
import Database from "better-sqlite3";
import { openFile } from "./runner-statements.mjs";

function quote(name) {
  return `"${name.replaceAll('"', '""')}"`;
}

function countOne(db, sql, ...params) {
  return Number(db.prepare(sql).pluck().get(...params) ?? 0);
}

/** Rows a DROP TABLE / DROP COLUMN would lose, counted inside the migration's transaction. */
function rowsLost(db, { table, column }) {
  // A missing table or column is left to the statement itself, which fails with SQLite's message.
  if (!countOne(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ? COLLATE NOCASE", table)) return 0;
  if (column === undefined) return countOne(db, `SELECT count(*) FROM ${quote(table)}`);
  if (!countOne(db, "SELECT count(*) FROM pragma_table_info(?) WHERE name = ? COLLATE NOCASE", table, column)) return 0;
  return countOne(db, `SELECT count(*) FROM ${quote(table)} WHERE ${quote(column)} IS NOT NULL`);
}

// Thrown inside the transaction to roll it back; becomes the call's result.
class Outcome {
  constructor(value) {
    this.value = value;
  }
}

function runStatement(db, sql, index) {
  try {
    // prepare() compiles exactly one statement and refuses text holding more: never exec().
    db.prepare(sql).run();
  } catch (err) {
    // RangeError: better-sqlite3 found more (or no) statements than the splitter did.
    const isTenants = err instanceof Database.SqliteError || err instanceof RangeError;
    if (!isTenants) throw err;
    throw new Outcome({ outcome: "failed", index, code: err.code ?? "RANGE", message: err.message });
  }
}

function applyAll(db, { name, checksum, appliedAt, statements, confirmDestructive }) {
  if (db.prepare("SELECT 1 FROM _myco_migrations WHERE name = ?").get(name)) return { outcome: "skipped" };
  statements.forEach((statement, index) => {
    if (statement.drops && !confirmDestructive) {
      const rows = rowsLost(db, statement.drops);
      if (rows > 0) throw new Outcome({ outcome: "data_loss", ...statement.drops, rows });
    }
    runStatement(db, statement.sql, index);
  });
  db.prepare("INSERT INTO _myco_migrations (name, checksum, applied_at) VALUES (?, ?, ?)").run(name, checksum, appliedAt);
  return { outcome: "applied" };
}

/** Applies one migration in one transaction, unless the ledger already has it (another process did). */
export function runMigrate(request) {
  const db = openFile(request.file, { readonly: false, quotaBytes: request.quotaBytes });
  try {
    // IMMEDIATE takes the write lock up front, so two processes cannot interleave one migration.
    return { ok: true, result: db.transaction(() => applyAll(db, request)).immediate() };
  } catch (err) {
    if (err instanceof Outcome) return { ok: true, result: err.value };
    throw err;
  } finally {
    db.close();
  }
}

/**
 * A consistent online copy of the database (WAL included) at `target`. It is written beside it and
 * renamed when whole: a crash mid-copy must not leave a file that passes for a snapshot.
 */
export async function runBackup({ file, target }) {
  const db = openFile(file, { readonly: true });
  const temp = `${target}.tmp`;
  try {
    await db.backup(temp);
    fs.renameSync(temp, target);
    return { ok: true, result: {} };
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  } finally {
    db.close();
  }
}
