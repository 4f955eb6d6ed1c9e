// Functions change their data with one INSERT, UPDATE, DELETE or REPLACE at a time (optionally behind
// WITH, optionally RETURNING). Schema changes belong to migrations, so DDL words are refused here.
import { AppError } from "@/lib/errors";
import { Refusal, guardTokens, refuse } from "./sql-guards";
import { splitStatements } from "./split-statements";
import type { Token } from "./tokenize-sql";

const DDL_WORDS = new Set(["create", "drop", "alter", "reindex", "analyze", "begin", "commit", "rollback", "savepoint", "release"]);
const WRITE_VERBS = new Set(["insert", "update", "delete", "replace"]);

function checkWriteTokens(tokens: Token[]): void {
  guardTokens(tokens);
  for (const token of tokens) {
    if (token.kind === "word" && DDL_WORDS.has(token.value.toLowerCase())) {
      refuse(`${token.value.toUpperCase()} is not allowed here; change the schema with a migration`);
    }
  }
  const first = tokens[0]?.value.toLowerCase() ?? "";
  const hasVerb = tokens.some((t) => t.kind === "word" && WRITE_VERBS.has(t.value.toLowerCase()));
  if (!(WRITE_VERBS.has(first) || first === "with") || !hasVerb) {
    refuse("db.exec takes one INSERT, UPDATE, DELETE or REPLACE (use db.query for SELECT)");
  }
}

/** Checks that `sql` is exactly one data-changing statement and returns its text; pure. */
export function validateWrite(sql: string): string {
  const statements = splitStatements(sql);
  const [statement] = statements;
  if (!statement) throw new AppError("unprocessable", "The statement is empty.", "sql");
  if (statements.length > 1) throw new AppError("unprocessable", `Send exactly one statement; this has ${statements.length}.`, "sql");
  try {
    checkWriteTokens(statement.tokens);
  } catch (err) {
    if (err instanceof Refusal) throw new AppError("unprocessable", `The statement is not allowed: ${err.reason}.`, "sql");
    throw err;
  }
  return statement.text;
}
