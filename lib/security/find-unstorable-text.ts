/** Where a string no store can hold sits in a value, and what is wrong with it. */
export type UnstorableText = { path: string[]; problem: string };

// PostgreSQL refuses U+0000 in text and jsonb, git and every other program refuse it in an argument,
// and C-string consumers truncate at it. An unpaired UTF-16 surrogate has no UTF-8 form: written out it
// silently becomes U+FFFD, so what is stored is not what was sent.
const NUL = /\u0000/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** `text` with each NUL and unpaired surrogate replaced by U+FFFD, fit to name a field in an error. */
export function printableText(text: string): string {
  return text.replace(new RegExp(`${NUL.source}|${LONE_SURROGATE.source}`, "g"), "\ufffd");
}

/** Why `text` cannot be stored as sent, or undefined when it can. */
export function textProblem(text: string): string | undefined {
  if (NUL.test(text)) return "contains a NUL character (U+0000)";
  if (LONE_SURROGATE.test(text)) return "contains an unpaired UTF-16 surrogate, which is not Unicode text";
  return undefined;
}

/**
 * The first string in `value` (object keys included) that contains a NUL or an unpaired surrogate,
 * with its path of keys and indexes; null when there is none. Iterative, so no input depth can
 * overflow the stack.
 */
export function findUnstorableText(value: unknown): UnstorableText | null {
  const stack: { value: unknown; path: string[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop() as { value: unknown; path: string[] };
    if (typeof current === "string") {
      const problem = textProblem(current);
      if (problem) return { path, problem };
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i], path: [...path, String(i)] });
    } else if (typeof current === "object" && current !== null) {
      const entries = Object.entries(current);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i] as [string, unknown];
        const problem = textProblem(key);
        if (problem) return { path: [...path, key], problem: `has a key that ${problem}` };
        stack.push({ value: child, path: [...path, key] });
      }
    }
  }
  return null;
}
