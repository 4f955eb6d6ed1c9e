// The query runner's introspection and row browsing (see query-runner.mjs). Platform SQL only, with
// names bound as parameters or double-quoted; but reading a tenant's table evaluates what the tenant
// declared (a generated column's expression), which is why this runs here and not in the server.
import { cellBytes, openFile, toCell } from "./runner-statements.mjs";

function quote(name) {
  return `"${name.replaceAll('"', '""')}"`;
}

function listTables(db, reservedPrefixes) {
  const rows = db
    .prepare("SELECT name, type, wr FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'view') ORDER BY name")
    .all();
  return rows.filter((row) => !reservedPrefixes.some((p) => row.name.toLowerCase().startsWith(p)));
}

function readColumns(db, table) {
  return db.prepare('SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid').all(table);
}

function readIndexes(db, table) {
  const indexes = db.prepare("SELECT name, \"unique\" FROM pragma_index_list(?) WHERE origin <> 'pk' ORDER BY name").all(table);
  const columnsOf = db.prepare("SELECT name FROM pragma_index_info(?) ORDER BY seqno").pluck();
  return indexes.map((index) => ({ name: index.name, unique: index.unique, columns: columnsOf.all(index.name) }));
}

function describeTable(db, listed) {
  return {
    name: listed.name,
    wr: listed.wr,
    columns: readColumns(db, listed.name),
    foreignKeys: db
      .prepare('SELECT id, "table", "from", "to", on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq')
      .all(listed.name),
    indexes: readIndexes(db, listed.name),
    rowCount: Number(db.prepare(`SELECT count(*) FROM ${quote(listed.name)}`).pluck().get()),
  };
}

/** Tables (columns, keys, indexes, row counts) and views, leaving out names with a reserved prefix. */
export function runSchema({ file, reservedPrefixes }) {
  const db = openFile(file, { readonly: true });
  try {
    const listed = listTables(db, reservedPrefixes);
    return {
      ok: true,
      result: {
        tables: listed.filter((t) => t.type === "table").map((t) => describeTable(db, t)),
        views: listed.filter((t) => t.type === "view").map((t) => t.name),
      },
    };
  } finally {
    db.close();
  }
}

// A column may itself be called rowid; SQLite's other names for the row id then still reach it.
function rowidName(columns) {
  const taken = new Set(columns.map((c) => c.toLowerCase()));
  return ["rowid", "_rowid_", "oid"].find((n) => !taken.has(n));
}

/** Rows of a page, stopping early once it is too big; `hasMore` when rows remain after it. */
function takeRows(stmt, params, limit, maxBytes) {
  const rows = [];
  const rowids = [];
  let bytes = 0;
  for (const [rowid, ...values] of stmt.iterate(...params)) {
    if (rows.length === limit || (rows.length > 0 && bytes > maxBytes)) return { rows, rowids, hasMore: true };
    const row = values.map(toCell);
    bytes += row.reduce((sum, cell) => sum + cellBytes(cell), 0);
    rows.push(row);
    rowids.push(String(rowid));
  }
  return { rows, rowids, hasMore: false };
}

/** One page of `table` in row-id order after row id `after` (a decimal string, or null for the first). */
export function runBrowse({ file, table, after, limit, maxBytes }) {
  const db = openFile(file, { readonly: true });
  try {
    const found = db.prepare("SELECT name, wr FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name = ?").get(table);
    if (!found) return { ok: true, result: { found: "none" } };
    if (found.wr === 1) return { ok: true, result: { found: "without_rowid", name: found.name } };
    const columns = readColumns(db, found.name).map((c) => c.name);
    const rowid = rowidName(columns);
    if (!rowid) return { ok: true, result: { found: "rowid_hidden" } };
    const select = [`CAST(${rowid} AS TEXT)`, ...columns.map(quote)].join(", ");
    const where = after === null ? "" : ` WHERE ${rowid} > ?`;
    const stmt = db.prepare(`SELECT ${select} FROM ${quote(found.name)}${where} ORDER BY ${rowid} LIMIT ?`);
    stmt.raw(true).safeIntegers(true);
    const params = after === null ? [limit + 1] : [BigInt(after), limit + 1];
    return { ok: true, result: { found: "table", columns, ...takeRows(stmt, params, limit, maxBytes) } };
  } finally {
    db.close();
  }
}
