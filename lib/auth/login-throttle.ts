import { AppError } from "@/lib/errors";

// Password guessing is slowed per account: after MAX_FAILURES wrong passwords for one email within
// WINDOW_MS, further attempts are refused until the window ends. In-process, so per Myco node.
const MAX_FAILURES = 10;
const WINDOW_MS = 15 * 60_000;
const MAX_TRACKED = 10_000;

type Entry = { failures: number; resetAt: number };
const entries = new Map<string, Entry>();

function live(email: string, now: number): Entry | undefined {
  const entry = entries.get(email);
  if (entry && entry.resetAt <= now) entries.delete(email);
  return entries.get(email);
}

/** Throws rate_limited when this email has had too many wrong passwords lately. */
export function assertLoginAllowed(email: string, now = Date.now()): void {
  const entry = live(email, now);
  if (entry && entry.failures >= MAX_FAILURES) {
    const retryAfterSeconds = Math.ceil((entry.resetAt - now) / 1000);
    throw new AppError("rate_limited", `Too many wrong passwords; try again in ${Math.ceil(retryAfterSeconds / 60)} minutes.`, "password", { retryAfterSeconds });
  }
}

/** Counts a wrong password for this email. */
export function recordLoginFailure(email: string, now = Date.now()): void {
  if (entries.size >= MAX_TRACKED) for (const [key, e] of entries) if (e.resetAt <= now) entries.delete(key);
  const entry = live(email, now) ?? { failures: 0, resetAt: now + WINDOW_MS };
  entry.failures += 1;
  entries.set(email, entry);
}

/** Forgets the failures of an email that just signed in. */
export function clearLoginFailures(email: string): void {
  entries.delete(email);
}
