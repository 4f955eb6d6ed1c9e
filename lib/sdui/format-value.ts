import { stringifyValue } from "./template";

/** How a table column shows its values. */
export type CellFormat = "text" | "number" | "date" | "currency" | "boolean";

function toDate(value: unknown): Date | null {
  if (typeof value !== "string" && typeof value !== "number") return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function toNumber(value: unknown): number | null {
  const n = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : Number.NaN;
  return Number.isFinite(n) ? n : null;
}

/**
 * A cell's text. A value that does not fit its format (a date column holding "soon") shows as it is
 * rather than as "Invalid Date" or NaN. The locale is the browser's unless given (tests pin it).
 */
export function formatValue(value: unknown, format: CellFormat, options: { currency?: string; locale?: string } = {}): string {
  if (value === null || value === undefined) return "";
  switch (format) {
    case "number": {
      const n = toNumber(value);
      return n === null ? stringifyValue(value) : n.toLocaleString(options.locale);
    }
    case "currency": {
      const n = toNumber(value);
      return n === null ? stringifyValue(value) : n.toLocaleString(options.locale, { style: "currency", currency: options.currency ?? "USD" });
    }
    case "date": {
      const date = toDate(value);
      // Date-only strings are UTC midnight; formatting them in UTC keeps "2024-05-01" from showing as April 30.
      const timeZone = typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? "UTC" : undefined;
      return date === null ? stringifyValue(value) : date.toLocaleDateString(options.locale, { timeZone });
    }
    case "boolean":
      return value === true || value === 1 || value === "1" || value === "true" ? "Yes" : "No";
    default:
      return stringifyValue(value);
  }
}
