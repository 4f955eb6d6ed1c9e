import { AppError } from "@/lib/errors";
import { isWord, tokenizeSql, type Token } from "./tokenize-sql";

/** One statement of a script: its tokens, its source text (no trailing `;`) and its 1-based number. */
export type Statement = { tokens: Token[]; text: string; number: number };

/** True when `token` is the punctuation `char`. */
export function isPunct(token: Token | undefined, char: string): boolean {
  return token?.kind === "punct" && token.value === char;
}

function startsTrigger(tokens: Token[]): boolean {
  if (!isWord(tokens[0], "create")) return false;
  const temp = isWord(tokens[1], "temp") || isWord(tokens[1], "temporary");
  return isWord(tokens[temp ? 2 : 1], "trigger");
}

/**
 * Splits a script at top-level `;`. Inside CREATE TRIGGER … BEGIN … END the body's own `;` do not
 * end the statement: the body ends at an END that directly follows a `;` (a CASE … END never does).
 */
export function splitStatements(sql: string): Statement[] {
  const groups: Token[][] = [];
  let current: Token[] = [];
  let inBody = false;
  let depth = 0;
  for (const token of tokenizeSql(sql)) {
    if (isPunct(token, ";") && !inBody) {
      if (current.length > 0) groups.push(current);
      current = [];
      depth = 0;
      continue;
    }
    current.push(token);
    if (isPunct(token, "(")) depth += 1;
    else if (isPunct(token, ")")) depth -= 1;
    else if (!inBody && depth === 0 && isWord(token, "begin") && startsTrigger(current)) inBody = true;
    else if (inBody && isWord(token, "end") && isPunct(current[current.length - 2], ";")) inBody = false;
  }
  if (inBody) throw new AppError("unprocessable", `Statement ${groups.length + 1}: CREATE TRIGGER has no END.`, "sql");
  if (current.length > 0) groups.push(current);
  return groups.map((tokens, i) => ({
    tokens,
    text: sql.slice(tokens[0]?.start ?? 0, tokens[tokens.length - 1]?.end ?? 0),
    number: i + 1,
  }));
}

/** A statement's text shortened for messages: whitespace collapsed, at most `max` characters. */
export function snippetOf(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
