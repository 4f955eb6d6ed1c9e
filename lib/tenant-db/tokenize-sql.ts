// A small SQLite tokenizer: enough to find statement boundaries and every name a statement mentions.
// It must never see fewer statements than SQLite does, so anything it cannot read is an error
// rather than a guess; prepare() refusing multi-statement text is the second line of defence.
import { AppError } from "@/lib/errors";

/** word: a bare keyword or name; quoted: a "…", `…` or […] name; string: '…'; blob: x'…'. */
export type TokenKind = "word" | "quoted" | "string" | "blob" | "number" | "param" | "punct";

/** `value` is unescaped for quoted names and strings; start/end index the source text. */
export type Token = { kind: TokenKind; value: string; start: number; end: number };

// SQLite's whitespace; other control characters become punctuation, which SQLite itself rejects.
const SPACE = new Set([" ", "\t", "\n", "\f", "\r"]);
// SQLite treats every byte >= 0x80 as part of a name, so non-ASCII characters (even U+00A0) are too.
const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD_REST = /[A-Za-z0-9_$\u0080-\uffff]*/y;
const NUMBER = /0[xX][0-9A-Fa-f_]+|(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d+)?/y;
const PARAM = /\?\d*|[:@$][A-Za-z0-9_\u0080-\uffff]+/y;

function lineOf(sql: string, index: number): number {
  return sql.slice(0, index).split("\n").length;
}

function fail(sql: string, index: number, what: string): never {
  throw new AppError("unprocessable", `Unterminated ${what} starting on line ${lineOf(sql, index)}.`, "sql");
}

/** The index after a comment starting at `i`, or `i` when none starts there. */
function skipComment(sql: string, i: number): number {
  if (sql.startsWith("--", i)) {
    const nl = sql.indexOf("\n", i);
    return nl === -1 ? sql.length : nl + 1;
  }
  if (sql.startsWith("/*", i)) {
    const close = sql.indexOf("*/", i + 2);
    if (close === -1) fail(sql, i, "/* comment");
    return close + 2;
  }
  return i;
}

/** A '…', "…" or `…` run where a doubled closing character stands for itself; […] has no escape. */
function readQuoted(sql: string, start: number, kind: TokenKind, open: number, close: string): Token {
  let value = "";
  let i = open + 1;
  for (;;) {
    const j = sql.indexOf(close, i);
    if (j === -1) fail(sql, start, kind === "quoted" ? `quoted name` : "string");
    value += sql.slice(i, j);
    if (close !== "]" && sql[j + 1] === close) {
      value += close;
      i = j + 2;
      continue;
    }
    return { kind, value, start, end: j + 1 };
  }
}

function readPattern(sql: string, i: number, re: RegExp, kind: TokenKind): Token | undefined {
  re.lastIndex = i;
  const m = re.exec(sql);
  return m && m[0].length > 0 ? { kind, value: m[0], start: i, end: i + m[0].length } : undefined;
}

function readToken(sql: string, i: number): Token {
  const c = sql[i] ?? "";
  if (c === "'") return readQuoted(sql, i, "string", i, "'");
  if (c === '"' || c === "`") return readQuoted(sql, i, "quoted", i, c);
  if (c === "[") return readQuoted(sql, i, "quoted", i, "]");
  if ((c === "x" || c === "X") && sql[i + 1] === "'") return readQuoted(sql, i, "blob", i + 1, "'");
  if (/\d/.test(c) || (c === "." && /\d/.test(sql[i + 1] ?? ""))) {
    const number = readPattern(sql, i, NUMBER, "number");
    if (number) return number;
  }
  if (WORD_START.test(c)) {
    WORD_REST.lastIndex = i + 1;
    const rest = WORD_REST.exec(sql)?.[0] ?? "";
    return { kind: "word", value: c + rest, start: i, end: i + 1 + rest.length };
  }
  return readPattern(sql, i, PARAM, "param") ?? { kind: "punct", value: c, start: i, end: i + 1 };
}

/** The tokens of `sql`, comments and whitespace dropped; throws unprocessable on unterminated text or NUL. */
export function tokenizeSql(sql: string): Token[] {
  // SQLite stops reading at a NUL, so text after one would be seen by us and not by it (or the reverse).
  const nul = sql.indexOf("\0");
  if (nul !== -1) throw new AppError("unprocessable", `SQL may not contain NUL characters (line ${lineOf(sql, nul)}).`, "sql");
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    if (SPACE.has(sql[i] ?? "")) {
      i += 1;
      continue;
    }
    const afterComment = skipComment(sql, i);
    if (afterComment !== i) {
      i = afterComment;
      continue;
    }
    const token = readToken(sql, i);
    tokens.push(token);
    i = token.end;
  }
  return tokens;
}

/** True when `token` is the bare keyword `word` (any letter case). */
export function isWord(token: Token | undefined, word: string): boolean {
  return token?.kind === "word" && token.value.toLowerCase() === word;
}
