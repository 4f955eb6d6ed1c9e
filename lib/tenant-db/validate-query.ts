// Tenant queries are read-only, one statement, SELECT or WITH … SELECT. The runner also opens the
// file read-only and refuses statements that return no rows; this check gives the clear message.
import { AppError } from "@/lib/errors";
import { Refusal, TokenReader, guardTokens, refuse } from "./sql-guards";
import { isPunct, splitStatements } from "./split-statements";
import { isWord, type Token } from "./tokenize-sql";

const WRITE_WORDS = new Set(["insert", "update", "delete", "create", "drop", "alter", "reindex", "analyze"]);

function skipParenGroup(reader: TokenReader, context: string): void {
  if (!isPunct(reader.peek(), "(")) refuse(`expected ( ${context}`);
  let depth = 0;
  do {
    const token = reader.next();
    if (!token) refuse("unbalanced parentheses");
    if (isPunct(token, "(")) depth += 1;
    if (isPunct(token, ")")) depth -= 1;
  } while (depth > 0);
}

/** WITH [RECURSIVE] name [(columns)] AS [[NOT] MATERIALIZED] (…) [, …] must lead to a SELECT. */
function checkWithQuery(reader: TokenReader): void {
  reader.accept("recursive");
  for (;;) {
    const name = reader.next();
    if (name?.kind !== "word" && name?.kind !== "quoted") refuse("expected a common table expression name");
    if (isPunct(reader.peek(), "(")) skipParenGroup(reader, "and the column names");
    reader.expect("as", "after the common table expression name");
    reader.accept("not");
    reader.accept("materialized");
    skipParenGroup(reader, "and the common table expression's query");
    if (!isPunct(reader.peek(), ",")) break;
    reader.next();
  }
  if (!isWord(reader.peek(), "select")) refuse("WITH must be followed by a SELECT");
}

function checkQueryTokens(tokens: Token[]): void {
  guardTokens(tokens);
  for (const token of tokens) {
    if (token.kind === "word" && WRITE_WORDS.has(token.value.toLowerCase())) {
      refuse(`${token.value.toUpperCase()} does not belong in a read-only query (quote it if it is a name)`);
    }
  }
  const reader = new TokenReader(tokens);
  if (reader.accept("with")) checkWithQuery(reader);
  else if (!isWord(reader.peek(), "select")) refuse("only SELECT (or WITH … SELECT) queries are allowed");
}

/**
 * Checks that `sql` is exactly one read-only SELECT and returns its text (without a trailing `;`);
 * pure. Throws unprocessable, field "sql", saying why a query is refused.
 */
export function validateQuery(sql: string): string {
  const statements = splitStatements(sql);
  const [statement] = statements;
  if (!statement) throw new AppError("unprocessable", "The query is empty.", "sql");
  if (statements.length > 1) {
    throw new AppError("unprocessable", `Send exactly one statement; this has ${statements.length}.`, "sql");
  }
  try {
    checkQueryTokens(statement.tokens);
  } catch (err) {
    if (err instanceof Refusal) throw new AppError("unprocessable", `The query is not allowed: ${err.reason}.`, "sql");
    throw err;
  }
  return statement.text;
}
