import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { TenantScope } from "@/lib/auth";
import type { CallOptions } from "./backend";
import { tenantDbBackend } from "./current-backend";
import type { CellValue } from "./cell-values";
import { isReservedName } from "./identifiers";
import { parseInput } from "./parse-input";
import { replyError } from "./reply-error";
import type { BrowseResult } from "./runner-protocol";
import { TenantEnv } from "./tenant-env";

/** Rows a page holds unless the caller asks for fewer (at most BROWSE_MAX_ROWS). */
export const BROWSE_DEFAULT_ROWS = 100;
export const BROWSE_MAX_ROWS = 1000;
// A page stops early past this many bytes (roughly, as JSON); the cursor continues from there.
const MAX_PAGE_BYTES = 8 * 1024 * 1024;
/** How long reading one page may take: a generated column can be arbitrarily expensive. */
export const BROWSE_TIMEOUT_MS = 10_000;
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

// Reading a page evaluates the table's generated columns, which the tenant wrote: in its lane, never here.
async function readPage(scope: TenantScope, env: TenantEnv, table: string, after: bigint | undefined, limit: number, signal?: AbortSignal): Promise<BrowseResult> {
  const request = { op: "browse" as const, table, after: after?.toString() ?? null, limit, maxBytes: MAX_PAGE_BYTES };
  const reply = await tenantDbBackend().call(scope, { env }, request, BROWSE_TIMEOUT_MS, { projectId: scope.projectId, env }, signal);
  if (!reply.ok) throw replyError(reply, "Reading the rows", "table");
  return reply.result as BrowseResult;
}

/**
 * One page of `table`'s rows in row-id order (keyset pagination: a page costs the same wherever it
 * starts), read in the tenant's lane. The table must be one of the tenant's own; unknown is not_found.
 */
export async function browseTenantRows(
  scope: TenantScope,
  env: TenantEnv,
  table: string,
  input: BrowseRowsInput = {},
  { signal }: CallOptions = {},
): Promise<RowsPage> {
  const { cursor, limit = BROWSE_DEFAULT_ROWS } = parseInput(BrowseRowsInput, { cursor: input.cursor, limit: input.limit }, "cursor");
  const after = cursor === undefined ? undefined : decodeCursor(cursor);
  const notFound = new AppError("not_found", `The ${env} database has no table "${table.slice(0, 80)}".`, "table");
  if (isReservedName(table)) throw notFound;
  const page = await readPage(scope, env, table, after, limit, signal);
  switch (page.found) {
    case "none":
      throw notFound;
    case "without_rowid":
      throw new AppError("unprocessable", `"${page.name}" is a WITHOUT ROWID table; browse it with a query.`, "table");
    case "rowid_hidden":
      throw new AppError("unprocessable", "The table's columns hide its row id; browse it with a query.", "table");
    case "table": {
      const last = page.rowids[page.rowids.length - 1];
      return { columns: page.columns, rows: page.rows, nextCursor: page.hasMore && last !== undefined ? encodeCursor(last) : null };
    }
  }
}
