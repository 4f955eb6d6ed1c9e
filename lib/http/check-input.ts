import { AppError } from "@/lib/errors";
import { findUnstorableText, printableText, textProblem } from "@/lib/security";

/**
 * Refuses a NUL or an unpaired surrogate in any path param or query string value, on every route and
 * before anything else runs; the error names the param (`path` for every segment of a catch-all) or
 * the query key. Such text reaches git's argv, PostgreSQL or a function's logs otherwise.
 */
export function assertStorableUrlInput(params: Record<string, unknown>, url: URL): void {
  for (const [name, value] of Object.entries(params)) {
    const bad = findUnstorableText(value);
    if (bad) throw new AppError("bad_request", `${name}: ${bad.problem}.`, name);
  }
  for (const [key, value] of url.searchParams) {
    const field = printableText(key) || "query";
    const problem = textProblem(key) ?? textProblem(value);
    if (problem) throw new AppError("bad_request", `${field}: ${problem}.`, field);
  }
}

/**
 * The first segment of a raw (still percent-encoded) URL path whose %-escapes are malformed: a `%`
 * without two hex digits, or bytes that are not UTF-8 (an encoded surrogate included); null if none.
 */
export function findMalformedSegment(rawPath: string): string | null {
  for (const segment of rawPath.split("/")) {
    try {
      decodeURIComponent(segment);
    } catch {
      return segment;
    }
  }
  return null;
}
