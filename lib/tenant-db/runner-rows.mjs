// The query runner's row editor (see query-runner.mjs): one row inserted, updated or deleted by its
// primary key, for the IDE's Database tab. The table and column names come from the caller, so they are
// checked against the table's own columns (pragma_table_info, the name bound as a parameter) before any
// reaches SQL text, and then double-quoted; every value is a bound parameter. Runs here, not in the
// server, because a write evaluates what the tenant declared: CHECKs, defaults, triggers, foreign keys.
import { openFile, toCell } from "./runner-statements.mjs";

function quote(name) {
  return `"${name.replaceAll('"', '""')}"`;
}

const done = (result) => ({ ok: true, result });

// better-sqlite3 binds every JS number as a REAL, which a TEXT column then stores as "42.0": a whole
// number is bound as an integer, as the person who typed it meant.
const bindable = (value) => (typeof value === "number" && Number.isSafeInteger(value) ? BigInt(value) : value);

/** Why the request does not fit the table, or null when it does. */
function mismatch(columns, primaryKey, action, key, values) {
  const names = new Set(columns.map((c) => c.name));
  const unknown = values.find(([name]) => !names.has(name));
  if (unknown) return { outcome: "no_column", field: "values", column: unknown[0] };
  if (action === "insert") return null;
  if (primaryKey.length === 0) return { outcome: "no_primary_key" };
  const given = key.map(([name]) => name);
  const fits = given.length === primaryKey.length && primaryKey.every((name) => given.includes(name));
  return fits ? null : { outcome: "key_mismatch", primaryKey };
}

function statementFor(table, action, key, values, returning) {
  const where = key.map(([name]) => `${quote(name)} = ?`).join(" AND ");
  const keyParams = key.map(([, value]) => bindable(value));
  const valueParams = values.map(([, value]) => bindable(value));
  switch (action) {
    case "insert":
      return values.length === 0
        ? { sql: `INSERT INTO ${table} DEFAULT VALUES RETURNING ${returning}`, params: [] }
        : {
            sql: `INSERT INTO ${table} (${values.map(([n]) => quote(n)).join(", ")}) VALUES (${values.map(() => "?").join(", ")}) RETURNING ${returning}`,
            params: valueParams,
          };
    case "update":
      return {
        sql: `UPDATE ${table} SET ${values.map(([n]) => `${quote(n)} = ?`).join(", ")} WHERE ${where} RETURNING ${returning}`,
        params: [...valueParams, ...keyParams],
      };
    case "delete":
      return { sql: `DELETE FROM ${table} WHERE ${where} RETURNING ${returning}`, params: keyParams };
  }
}

/**
 * Inserts, updates or deletes one row of `table`, addressed by its whole primary key (`key`, pairs of
 * column and value), and answers the row as it now is (as it was, for a delete) in column order.
 */
export function runChangeRow({ file, quotaBytes, table, action, key, values }) {
  const db = openFile(file, { readonly: false, quotaBytes });
  try {
    const found = db.prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name = ?").get(table);
    if (!found) return done({ outcome: "no_table" });
    // Hidden (generated) columns are left out, as the row browser leaves them out.
    const columns = db.prepare('SELECT name, pk FROM pragma_table_info(?) ORDER BY cid').all(found.name);
    const primaryKey = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
    const problem = mismatch(columns, primaryKey, action, key, values);
    if (problem) return done(problem);
    const names = columns.map((c) => c.name);
    const { sql, params } = statementFor(quote(found.name), action, key, values, names.map(quote).join(", "));
    const stmt = db.prepare(sql).raw(true).safeIntegers(true);
    // One transaction: a trigger's or a cascade's work stands or falls with the row's.
    const row = db.transaction(() => stmt.get(...params))();
    if (!row) return done({ outcome: "no_row" });
    return done({ outcome: "done", columns: names, primaryKey, row: row.map(toCell) });
  } finally {
    db.close();
  }
}
