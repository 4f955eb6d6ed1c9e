import type { Invocation, LogLine } from "./functions-api";

/** The live log's level filter: each choice shows its level and those more severe. */
export const LEVEL_FILTERS = [
  { value: "all", label: "All levels" },
  { value: "info", label: "Info and above" },
  { value: "warn", label: "Warnings and errors" },
  { value: "error", label: "Errors only" },
] as const;
export type LevelFilter = (typeof LEVEL_FILTERS)[number]["value"];

// console.log and console.info are the same severity to a reader; debug shows only under "all".
const SEVERITY: Record<LogLine["level"], number> = { debug: 0, log: 1, info: 1, warn: 2, error: 3 };
const THRESHOLD: Record<LevelFilter, number> = { all: 0, info: 1, warn: 2, error: 3 };

export function isLevelFilter(value: string): value is LevelFilter {
  return LEVEL_FILTERS.some((f) => f.value === value);
}

/** The lines an invocation shows: its console output, then its failure (if any) as an error line. */
export function linesOf(invocation: Invocation): LogLine[] {
  const lines = Array.isArray(invocation.logs) ? [...invocation.logs] : [];
  if (invocation.errorCode) {
    const time = Date.parse(invocation.createdAt) + invocation.durationMs;
    lines.push({ level: "error", message: `${invocation.errorCode}: ${invocation.errorMessage ?? "failed"}`, time });
  }
  return lines;
}

/** The lines at or above the filter's level. */
export function filterLines(lines: readonly LogLine[], filter: LevelFilter): LogLine[] {
  return lines.filter((line) => (SEVERITY[line.level] ?? 0) >= THRESHOLD[filter]);
}
