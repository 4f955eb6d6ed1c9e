// Values leave SQLite as JSON-safe cells. query-runner.mjs has the same rules in plain JS.

/** One value of a result row: a blob is `{ base64 }`, an integer beyond 2^53 a decimal string. */
export type CellValue = string | number | null | { base64: string };

/** Converts a value read with safeIntegers(true): exact integers stay numbers while they are safe. */
export function toCell(value: unknown): CellValue {
  if (typeof value === "bigint") {
    const isSafe = value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER);
    return isSafe ? Number(value) : value.toString();
  }
  if (Buffer.isBuffer(value)) return { base64: value.toString("base64") };
  if (typeof value === "string" || typeof value === "number") return value;
  return null;
}

/** Roughly the bytes a cell adds to a JSON response, for response-size caps. */
export function cellBytes(cell: CellValue): number {
  if (typeof cell === "string") return cell.length + 2;
  if (cell !== null && typeof cell === "object") return cell.base64.length + 12;
  return 8;
}
