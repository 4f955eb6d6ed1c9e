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

type Step = { value: unknown; key: string | undefined; parent: Step | undefined };

function pathOf(step: Step): string[] {
  const path: string[] = [];
  for (let s: Step | undefined = step; s?.key !== undefined; s = s.parent) path.push(s.key);
  return path.reverse();
}

/**
 * The first string in `value` (object keys included) that contains a NUL or an unpaired surrogate,
 * with its path of keys and indexes; null when there is none. Iterative, with each path built only
 * for the string it reports, so no depth of input can overflow the stack or cost more than linear time.
 */
export function findUnstorableText(value: unknown): UnstorableText | null {
  const stack: Step[] = [{ value, key: undefined, parent: undefined }];
  while (stack.length > 0) {
    const step = stack.pop() as Step;
    const current = step.value;
    if (typeof current === "string") {
      const problem = textProblem(current);
      if (problem) return { path: pathOf(step), problem };
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i], key: String(i), parent: step });
    } else if (typeof current === "object" && current !== null) {
      const entries = Object.entries(current);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i] as [string, unknown];
        const problem = textProblem(key);
        if (problem) return { path: [...pathOf(step), key], problem: `has a key that ${problem}` };
        stack.push({ value: child, key, parent: step });
      }
    }
  }
  return null;
}
