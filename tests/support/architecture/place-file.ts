import fs from "node:fs";
import path from "node:path";

// Where a file sits decides which rules it answers to (docs/architecture.md, "What the architecture
// test checks"). Paths are repository-relative with "/" separators.

/** The rules a file answers to. */
export type Zone =
  | { kind: "lib"; module: string } // lib/<module>/**
  | { kind: "module-list" } // lib/modules.ts: plain data, imports nothing
  | { kind: "app"; isHandler: boolean } // app/**, and the root files Next loads (proxy.ts, instrumentation.ts, next.config.ts)
  | { kind: "components" }
  | { kind: "cli" } // prisma/: the offline migration CLI, run by plain Node
  | { kind: "tests" } // tests/**, and the test runners' configs
  | { kind: "unplaced" }; // a source file in none of the places above

export const MODULE_LIST_FILE = "lib/modules.ts";
// The test runners' own configuration belongs with the tests they run.
const TEST_RUNNER_CONFIGS = new Set(["playwright.config.ts", "vitest.config.mts"]);
const SOURCE_FILE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
// Written by tools and git-ignored: Prisma's generated client (lib/db owns it) and Next's type stub.
const GENERATED = new Set(["lib/db/generated", "next-env.d.ts"]);
// Top-level folders that hold no source: dependencies, run-time state, test output.
const NOT_SOURCE = new Set(["node_modules", "data", "test-results", "playwright-report"]);

/** Every source file under `root`, repository-relative and sorted. */
export function listSourceFiles(root: string): string[] {
  const walk = (rel: string): string[] =>
    fs.readdirSync(path.join(root, rel), { withFileTypes: true }).flatMap((entry) => {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.name.startsWith(".") || GENERATED.has(child) || entry.name === "node_modules") return [];
      if (entry.isDirectory()) return rel === "" && NOT_SOURCE.has(entry.name) ? [] : walk(child);
      return entry.isFile() && SOURCE_FILE.test(entry.name) ? [child] : [];
    });
  return walk("").sort();
}

export function placeFile(rel: string): Zone {
  const parts = rel.split("/");
  const top = parts[0] ?? "";
  if (parts.length === 1) return TEST_RUNNER_CONFIGS.has(rel) ? { kind: "tests" } : { kind: "app", isHandler: false };
  if (top === "tests") return { kind: "tests" };
  if (top === "prisma") return { kind: "cli" };
  if (top === "components") return { kind: "components" };
  if (top === "app") return { kind: "app", isHandler: parts[1] === "api" || parts[1] === "apps-host" };
  if (top === "lib" && parts.length > 2) return { kind: "lib", module: parts[1] ?? "" };
  return rel === MODULE_LIST_FILE ? { kind: "module-list" } : { kind: "unplaced" };
}

/**
 * The area a repository path belongs to: `lib/<module>` for anything in a module (the folder itself
 * included), else its top-level folder, or "root" for a root file. Relative imports stay inside one area.
 */
export function areaOf(rel: string, modules: ReadonlySet<string>): string {
  const parts = rel.split("/");
  if (parts.length === 1) return parts[0] === "lib" ? "lib" : "root";
  if (parts[0] === "lib" && modules.has(parts[1] ?? "")) return `lib/${parts[1]}`;
  return parts[0] ?? "root";
}
