import { describe, expect, it } from "vitest";
import { WorkspacePath } from "@/lib/workspace";

// Every spelling of "outside the workspace" we know of, plus names that are merely unsafe.
const REFUSED: [string, string][] = [
  ["../etc/passwd", ". or .."],
  ["a/../../b", ". or .."],
  ["./a", ". or .."],
  ["a/./b", ". or .."],
  ["..", ". or .."],
  ["%2e%2e/etc/passwd", "percent"],
  ["%252e%252e/etc/passwd", "percent"],
  ["a%2fb", "percent"],
  ["..%2f..%2fetc", "percent"],
  ["..\\..\\windows", "backslash"],
  ["a\\b", "backslash"],
  ["/etc/passwd", "absolute"],
  ["//server/share", "absolute"],
  ["a\0b", "NUL"],
  ["．．/etc/passwd", "characters outside"],
  ["a／b", "characters outside"],
  ["a∕..∕b", "characters outside"],
  ["\u202e/txt.exe", "characters outside"],
  ["é.txt", "characters outside"],
  [".git/config", "reserved"],
  [".GIT/HEAD", "reserved"],
  ["sub/.git/hooks/pre-commit", "reserved"],
  [".gitmodules", "reserved"],
  ["con.txt", "reserved"],
  ["a/", "empty segment"],
  ["a//b", "empty segment"],
  ["", "empty"],
  ["...", "characters outside"],
  ["file.", "ending in a dot"],
  ["a b.txt", "characters outside"],
  ["x".repeat(101), "longer than 100"],
  [`${"a/".repeat(12)}f`, "deeper than"],
  ["a".repeat(401), "longer than 400"],
  ["~/secret", "characters outside"],
  ["$HOME/x", "characters outside"],
];

const ACCEPTED = ["app.json", "components/Chart.tsx", "db/migrations/0001_init.sql", ".env.example", "public/logo@2x.png", "a-b_c.d.ts", "functions/todos.ts"];

describe("WorkspacePath", () => {
  it.each(REFUSED)("refuses %j (%s)", (path, reason) => {
    const result = WorkspacePath.safeParse(path);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain(reason);
  });

  it.each(ACCEPTED)("accepts %j", (path) => {
    expect(WorkspacePath.parse(path)).toBe(path);
  });
});
