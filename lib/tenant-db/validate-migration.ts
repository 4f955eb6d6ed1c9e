// The allowlist for tenant migrations: only schema changes to the tenant's own tables, indexes,
// views and triggers. Anything else (data changes, queries, transactions; ATTACH, PRAGMA and VACUUM
// are refused by guardTokens wherever they appear) is refused with the statement's number, before
// any statement runs.
import { AppError } from "@/lib/errors";
import { Refusal, TokenReader, guardTokens, refuse } from "./sql-guards";
import { isPunct, snippetOf, splitStatements, type Statement } from "./split-statements";
import { isWord, type Token } from "./tokenize-sql";

/** A validated statement; `drops` marks one that can lose data, so the applier can count what it would drop. */
export type MigrationStatement = { sql: string; drops?: { table: string; column?: string } };

const REFUSED: Record<string, string> = {
  reindex: "REINDEX and ANALYZE are maintenance commands Myco runs itself",
  analyze: "REINDEX and ANALYZE are maintenance commands Myco runs itself",
  insert: "data changes are not allowed in migrations (only inside trigger bodies)",
  update: "data changes are not allowed in migrations (only inside trigger bodies)",
  delete: "data changes are not allowed in migrations (only inside trigger bodies)",
  replace: "data changes are not allowed in migrations (only inside trigger bodies)",
  select: "queries are not allowed in migrations",
  with: "queries are not allowed in migrations",
  values: "queries are not allowed in migrations",
};
const TRANSACTION_WORDS = ["begin", "commit", "end", "rollback", "savepoint", "release"];
const TABLE_CONSTRAINTS = new Set(["constraint", "primary", "unique", "check", "foreign"]);
const TABLE_OPTIONS = new Set(["without", "rowid", "strict"]);
const TRIGGER_BODY_VERBS = new Set(["insert", "update", "delete", "replace", "select"]);

/** Every REFERENCES target must be an allowlisted, unqualified table name. */
function checkReferences(tokens: Token[]): void {
  tokens.forEach((token, i) => {
    if (!isWord(token, "references")) return;
    const reader = new TokenReader(tokens.slice(i + 1));
    reader.name("referenced table");
  });
}

/** Checks column names in a CREATE TABLE body starting at `(`; returns the index after its `)`. */
function checkColumnList(tokens: Token[], open: number): number {
  let depth = 0;
  let itemStart = false;
  for (let i = open; i < tokens.length; i += 1) {
    const token = tokens[i];
    if (isPunct(token, "(") || isPunct(token, ")")) {
      depth += isPunct(token, "(") ? 1 : -1;
      if (depth === 0) return i + 1;
      itemStart = depth === 1 && isPunct(token, "(");
      continue;
    }
    if (depth === 1 && isPunct(token, ",")) {
      itemStart = true;
      continue;
    }
    if (itemStart && !(token?.kind === "word" && TABLE_CONSTRAINTS.has(token.value.toLowerCase()))) {
      new TokenReader(tokens.slice(i)).name("column");
    }
    itemStart = false;
  }
  return refuse("the column list has no closing parenthesis");
}

function checkCreateTable(reader: TokenReader): void {
  if (isWord(reader.peek(), "as")) refuse("CREATE TABLE … AS SELECT is not allowed; declare the columns");
  if (!isPunct(reader.peek(), "(")) refuse("expected ( and the column definitions");
  const after = checkColumnList(reader.tokens, reader.position);
  for (const token of reader.tokens.slice(after)) {
    const isOption = token.kind === "word" && TABLE_OPTIONS.has(token.value.toLowerCase());
    if (!isOption && !isPunct(token, ",")) refuse(`unexpected "${token.value.slice(0, 40)}" after the column list`);
  }
}

/** Checks the trigger's target table and that its body only changes or reads rows. */
function checkCreateTrigger(reader: TokenReader): void {
  const tokens = reader.tokens;
  const on = tokens.findIndex((t, i) => i >= reader.position && isWord(t, "on"));
  if (on === -1) refuse("expected ON and the trigger's table");
  new TokenReader(tokens.slice(on + 1)).name("table");
  const begin = tokens.findIndex((t, i) => i > on && isWord(t, "begin"));
  const last = tokens.length - 1;
  if (begin === -1 || !isWord(tokens[last], "end")) refuse("expected BEGIN … END");
  let statementStart = true;
  for (const token of tokens.slice(begin + 1, last)) {
    if (isPunct(token, ";")) {
      statementStart = true;
      continue;
    }
    if (statementStart && !(token.kind === "word" && TRIGGER_BODY_VERBS.has(token.value.toLowerCase()))) {
      refuse(`trigger bodies may only INSERT, UPDATE, DELETE or SELECT, not "${token.value.slice(0, 40)}"`);
    }
    statementStart = false;
  }
}

function checkCreate(reader: TokenReader): void {
  if (reader.accept("temp") || reader.accept("temporary")) refuse("TEMP objects are not allowed");
  if (reader.accept("virtual")) refuse("virtual tables are not allowed");
  const unique = reader.accept("unique");
  const kind = reader.next()?.value.toLowerCase() ?? "";
  if (!["table", "index", "view", "trigger"].includes(kind) || (unique && kind !== "index")) {
    refuse("only CREATE TABLE, [UNIQUE] INDEX, VIEW and TRIGGER are allowed");
  }
  reader.acceptIfExists(true);
  reader.name(kind);
  if (kind === "table") checkCreateTable(reader);
  if (kind === "trigger") checkCreateTrigger(reader);
  if (kind === "index") {
    reader.expect("on", "after the index name");
    reader.name("table");
    if (!isPunct(reader.peek(), "(")) refuse("expected ( and the indexed columns");
  }
  if (kind === "view" && !reader.tokens.some((t) => isWord(t, "as"))) refuse("expected AS SELECT …");
}

function checkAlter(reader: TokenReader): MigrationStatement["drops"] {
  reader.expect("table", "after ALTER");
  const table = reader.name("table");
  if (reader.accept("add")) {
    reader.accept("column");
    reader.name("column");
    return undefined;
  }
  if (reader.accept("rename")) {
    if (reader.accept("to")) {
      reader.name("table");
    } else {
      reader.accept("column");
      reader.name("column");
      reader.expect("to", "after the column name");
      reader.name("column");
    }
    reader.end("the new name");
    return undefined;
  }
  if (!reader.accept("drop")) refuse("expected ADD, RENAME or DROP after the table name");
  reader.accept("column");
  const column = reader.name("column");
  reader.end("the column name");
  return { table, column };
}

function checkDrop(reader: TokenReader): MigrationStatement["drops"] {
  const kind = reader.next()?.value.toLowerCase() ?? "";
  if (!["table", "index", "view", "trigger"].includes(kind)) refuse("only DROP TABLE, INDEX, VIEW and TRIGGER are allowed");
  reader.acceptIfExists(false);
  const name = reader.name(kind);
  reader.end(`the ${kind} name`);
  return kind === "table" ? { table: name } : undefined;
}

function checkStatement(tokens: Token[]): MigrationStatement["drops"] {
  guardTokens(tokens);
  checkReferences(tokens);
  const reader = new TokenReader(tokens);
  const first = reader.next();
  const verb = first?.kind === "word" ? first.value.toLowerCase() : "";
  if (verb === "create") {
    checkCreate(reader);
    return undefined;
  }
  if (verb === "alter") return checkAlter(reader);
  if (verb === "drop") return checkDrop(reader);
  if (TRANSACTION_WORDS.includes(verb)) refuse("Myco runs each migration in its own transaction");
  return refuse(REFUSED[verb] ?? "only CREATE, ALTER and DROP of tables, indexes, views and triggers are allowed");
}

function refusalError(statement: Statement, reason: string): AppError {
  return new AppError("unprocessable", `Statement ${statement.number} (\`${snippetOf(statement.text)}\`) is not allowed: ${reason}.`, "sql");
}

/**
 * Splits a migration script and checks every statement against the allowlist; pure. Throws
 * unprocessable (field "sql") naming the first refused statement's 1-based number and the reason.
 */
export function validateMigration(sql: string): MigrationStatement[] {
  return splitStatements(sql).map((statement) => {
    try {
      const drops = checkStatement(statement.tokens);
      return drops ? { sql: statement.text, drops } : { sql: statement.text };
    } catch (err) {
      if (err instanceof Refusal) throw refusalError(statement, err.reason);
      throw err;
    }
  });
}
