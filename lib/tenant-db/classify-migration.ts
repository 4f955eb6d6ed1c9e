import { splitStatements } from "./split-statements";
import { isWord } from "./tokenize-sql";

/**
 * What a migration does to code written for the schema before it: "additive" when that code keeps
 * working on the new schema (new tables, views, non-unique indexes, dropped indexes, added columns,
 * which SQLite only allows nullable or with a default), else "breaking" with the first statement that makes it so.
 */
export type MigrationEffect = { effect: "additive" } | { effect: "breaking"; statement: string; reason: string };

function reasonOf(words: string[]): string | undefined {
  const [verb, second, third] = words;
  if (verb === "create") {
    if (second === "unique") return "a UNIQUE index can refuse rows older code writes";
    if (second === "trigger") return "a trigger changes what older code's writes do";
    return undefined;
  }
  if (verb === "alter") {
    if (words.includes("add")) return undefined;
    return words.includes("rename") ? "a rename hides a name older code uses" : "a dropped column loses data older code reads";
  }
  // Dropping an index only costs speed; older code never names one.
  if (verb === "drop") return second === "index" ? undefined : `a dropped ${second ?? "object"} ${second === "table" ? "loses data older code reads" : "is gone for older code"}`;
  return `${verb ?? "this statement"} ${third ?? ""} is not known to be safe for older code`.replace(/\s+/g, " ");
}

/** Classifies a (validated) migration script; pure. */
export function classifyMigration(sql: string): MigrationEffect {
  for (const statement of splitStatements(sql)) {
    const words = statement.tokens.filter((t) => t.kind === "word").slice(0, 8).map((t) => t.value.toLowerCase());
    if (isWord(statement.tokens[1], "temp") || isWord(statement.tokens[1], "temporary")) words.splice(1, 1);
    const reason = reasonOf(words);
    if (reason) return { effect: "breaking", statement: statement.text.slice(0, 120), reason };
  }
  return { effect: "additive" };
}
