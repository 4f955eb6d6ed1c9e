import { z } from "zod";
import type Database from "better-sqlite3";
import { AppError } from "@/lib/errors";
import type { TenantScope } from "@/lib/auth";
import { cellBytes, toCell, type CellValue } from "./cell-values";
import { listTenantTables, readColumns } from "./get-schema";
import { quoteIdentifier } from "./identifiers";
import { openTenantDb } from "./open-tenant-db";
import { parseInput } from "./parse-input";
import { TenantEnv } from "./tenant-env";

/** Rows a page holds unless the caller asks for fewer (at most BROWSE_MAX_ROWS). */
export const BROWSE_DEFAULT_ROWS = 100;
export const BROWSE_MAX_ROWS = 1000;
// A page stops early past this many bytes (roughly, as JSON); the cursor continues from there.
const MAX_PAGE_BYTES = 8 * 1024 * 1024;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

const Cursor = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "is not a cursor this API returned");

/** A page request, as browseTenantRows takes it. */
export const BrowseRowsInput = z.strictObject({
  cursor: Cursor.optional(),
  limit: z.number().int().min(1).max(BROWSE_MAX_ROWS).optional(),
});
export type BrowseRowsInput = z.infer<typeof BrowseRowsInput>;

/** The HTTP query string of the row browser: every value arrives as a string. */
export const RowsQuery = z.strictObject({
  env: TenantEnv,
  cursor: Cursor.optional(),
  limit: z.coerce.number().int().min(1).max(BROWSE_MAX_ROWS).optional(),
});
export type RowsQuery = z.infer<typeof RowsQuery>;

/** One page of a table; `nextCursor` is null on the last page. */
export type RowsPage = { columns: string[]; rows: CellValue[][]; nextCursor: string | null };

function encodeCursor(rowid: string): string {
  return Buffer.from(`r${rowid}`).toString("base64url");
}

function decodeCursor(cursor: string): bigint {
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  const match = /^r(-?\d{1,19})$/.exec(text);
  const rowid = match?.[1] === undefined ? undefined : BigInt(match[1]);
  if (rowid === undefined || rowid < INT64_MIN || rowid > INT64_MAX || encodeCursor(match?.[1] ?? "") !== cursor) {
    throw new AppError("bad_request", "cursor: is not a cursor this API returned.", "cursor");
  }
  return rowid;
}

function findBrowsableTable(db: Database.Database, table: string, env: TenantEnv): string {
  const found = listTenantTables(db).find((t) => t.type === "table" && t.name === table);
  if (!found) throw new AppError("not_found", `The ${env} database has no table "${table.slice(0, 80)}".`, "table");
  if (found.wr === 1) {
    throw new AppError("unprocessable", `"${found.name}" is a WITHOUT ROWID table; browse it with a query.`, "table");
  }
  return found.name;
}

// A column may itself be called rowid; SQLite's other names for the row id then still reach it.
function rowidName(columns: string[]): string {
  const taken = new Set(columns.map((c) => c.toLowerCase()));
  const name = ["rowid", "_rowid_", "oid"].find((n) => !taken.has(n));
  if (!name) throw new AppError("unprocessable", "The table's columns hide its row id; browse it with a query.", "table");
  return name;
}

/** Rows of a page, stopping early once the page is too big; `hasMore` when rows remain after it. */
function takeRows(raw: unknown[][], limit: number): { rows: CellValue[][]; rowids: string[]; hasMore: boolean } {
  const rows: CellValue[][] = [];
  const rowids: string[] = [];
  let bytes = 0;
  for (const [rowid, ...values] of raw) {
    if (rows.length === limit || (rows.length > 0 && bytes > MAX_PAGE_BYTES)) return { rows, rowids, hasMore: true };
    const row = values.map(toCell);
    bytes += row.reduce<number>((sum, cell) => sum + cellBytes(cell), 0);
    rows.push(row);
    rowids.push(String(rowid));
  }
  return { rows, rowids, hasMore: false };
}

/**
 * One page of `table`'s rows in row-id order (keyset pagination: a page costs the same wherever it
 * starts). The table must be one of the tenant's own, as introspected; unknown is not_found.
 */
export async function browseTenantRows(scope: TenantScope, env: TenantEnv, table: string, input: BrowseRowsInput = {}): Promise<RowsPage> {
  const { cursor, limit = BROWSE_DEFAULT_ROWS } = parseInput(BrowseRowsInput, { cursor: input.cursor, limit: input.limit }, "cursor");
  const after = cursor === undefined ? undefined : decodeCursor(cursor);
  const db = openTenantDb(scope, env);
  const name = findBrowsableTable(db, table, env);
  const columns = readColumns(db, name).map((c) => c.name);
  const rowid = rowidName(columns);
  const select = [`CAST(${rowid} AS TEXT)`, ...columns.map(quoteIdentifier)].join(", ");
  const where = after === undefined ? "" : ` WHERE ${rowid} > ?`;
  const stmt = db.prepare(`SELECT ${select} FROM ${quoteIdentifier(name)}${where} ORDER BY ${rowid} LIMIT ?`);
  stmt.raw(true).safeIntegers(true);
  const raw = stmt.all(...(after === undefined ? [] : [after]), limit + 1) as unknown[][];
  const page = takeRows(raw, limit);
  const last = page.rowids[page.rowids.length - 1];
  return { columns, rows: page.rows, nextCursor: page.hasMore && last !== undefined ? encodeCursor(last) : null };
}
