import type { CellInput, CellValue, TenantColumn } from "./database-api";

// SQLite's type affinity rules, roughly: these declared types hold numbers.
const NUMERIC_TYPE = /INT|REAL|FLOA|DOUB|NUM|DEC|BOOL/i;

/** A cell as the tables show it. */
export function showCell(cell: CellValue | undefined): string {
  if (cell === null || cell === undefined) return "NULL";
  if (typeof cell === "object") return `(blob, ${Math.floor((cell.base64.length * 3) / 4)} bytes)`;
  return String(cell);
}

/** True for a blob, which the row editor shows but cannot change. */
export const isBlob = (cell: CellValue | undefined): boolean => cell !== null && typeof cell === "object";

/** The text an input starts with: blank for NULL. */
export const cellText = (cell: CellValue | undefined): string => (cell === null || cell === undefined || typeof cell === "object" ? "" : String(cell));

/**
 * What typed text means for `column`: numbers for numeric columns, true/false for booleans, NULL for a
 * blank nullable column; `undefined` (leave it out, so the default applies) for a blank on a new row.
 */
export function toCellInput(text: string, column: TenantColumn, blank: "default" | "null"): CellInput | undefined {
  if (text === "") return blank === "default" ? undefined : column.nullable ? null : "";
  if (/BOOL/i.test(column.type) && /^(true|false)$/i.test(text)) return text.toLowerCase() === "true";
  if (NUMERIC_TYPE.test(column.type) && text.trim() !== "" && Number.isFinite(Number(text))) return Number(text);
  return text;
}

/** A row's primary key as the API takes it; null when the table has none. */
export function keyOf(primaryKey: readonly string[], columns: readonly string[], row: readonly CellValue[]): Record<string, CellValue> | null {
  if (primaryKey.length === 0) return null;
  return Object.fromEntries(primaryKey.map((name) => [name, row[columns.indexOf(name)] ?? null]));
}

/** A key as people read it: `id = 3`. */
export function describeKey(key: Record<string, CellValue>): string {
  return Object.entries(key).map(([name, value]) => `${name} = ${showCell(value)}`).join(", ");
}
