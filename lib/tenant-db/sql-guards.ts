// Checks shared by migrations and queries, applied to every token of a statement, including view
// bodies, defaults, CHECK expressions and trigger bodies.
import { identifierProblem, isReservedName } from "./identifiers";
import { isPunct } from "./split-statements";
import { isWord, type Token } from "./tokenize-sql";

/** A statement refused for `reason`; callers add the statement number. */
export class Refusal extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "Refusal";
  }
}

/** Throws a Refusal. */
export function refuse(reason: string): never {
  throw new Refusal(reason);
}

// Cross-tenant and file primitives (security notes §1.4): refused wherever they appear, so no
// splitting mistake can smuggle one in behind another statement.
const FORBIDDEN_WORDS = new Map([
  ["attach", "ATTACH opens another database file"],
  ["detach", "DETACH belongs with ATTACH, which opens another database file"],
  ["pragma", "PRAGMA changes connection and file settings"],
  ["vacuum", "VACUUM (and VACUUM INTO) rewrites or copies the database file"],
]);
const SCHEMA_NAMES = new Set(["main", "temp"]);
const NAME_KINDS = new Set<Token["kind"]>(["word", "quoted", "string"]);

/**
 * Refuses load_extension, internal names and schema-qualified names anywhere in `tokens`. Strings
 * count: SQLite accepts 'pragma_database_list' where a table name is expected.
 */
export function guardTokens(tokens: Token[]): void {
  tokens.forEach((token, i) => {
    if (!NAME_KINDS.has(token.kind)) return;
    const lower = token.value.toLowerCase();
    if (lower.includes("load_extension")) refuse("load_extension loads native code into the server");
    if (isReservedName(token.value)) refuse(`"${token.value.slice(0, 80)}" refers to SQLite or Myco internals`);
    if (SCHEMA_NAMES.has(lower) && isPunct(tokens[i + 1], ".")) refuse(`schema-qualified name (${token.value}.…)`);
    const forbidden = token.kind === "word" ? FORBIDDEN_WORDS.get(lower) : undefined;
    if (forbidden) refuse(forbidden);
  });
}

/** Reads a statement token by token; every name read is allowlisted and never schema-qualified. */
export class TokenReader {
  private index = 0;

  constructor(readonly tokens: Token[]) {}

  get position(): number {
    return this.index;
  }

  peek(offset = 0): Token | undefined {
    return this.tokens[this.index + offset];
  }

  next(): Token | undefined {
    const token = this.tokens[this.index];
    this.index += 1;
    return token;
  }

  /** Consumes the keyword `word` when it comes next. */
  accept(word: string): boolean {
    if (!isWord(this.peek(), word)) return false;
    this.index += 1;
    return true;
  }

  expect(word: string, context: string): void {
    if (!this.accept(word)) refuse(`expected ${word.toUpperCase()} ${context}`);
  }

  /** Consumes IF EXISTS (or IF NOT EXISTS when `not`). */
  acceptIfExists(not: boolean): void {
    if (!this.accept("if")) return;
    if (not) this.expect("not", "after IF");
    this.expect("exists", not ? "after IF NOT" : "after IF");
  }

  /** Consumes a name: a bare or double-quoted identifier that passes the allowlist. */
  name(what: string): string {
    const token = this.next();
    if (!token || (token.kind !== "word" && token.kind !== "quoted")) refuse(`expected a ${what} name`);
    if (isPunct(this.peek(), ".")) refuse(`schema-qualified ${what} name (${token.value}.…)`);
    const problem = identifierProblem(token.value);
    if (problem) refuse(`${what} name ${problem}`);
    return token.value;
  }

  /** Refuses anything left in the statement. */
  end(context: string): void {
    const rest = this.peek();
    if (rest) refuse(`unexpected "${rest.value.slice(0, 40)}" after ${context}`);
  }
}
