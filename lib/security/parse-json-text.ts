import { AppError } from "@/lib/errors";
import { findUnstorableText, printableText } from "./find-unstorable-text";
import { isJsonDeeperThan } from "./measure-json-depth";

/** How deep a request's JSON may nest objects and arrays; no Myco input needs a tenth of it. */
const MAX_JSON_DEPTH = 64;

/**
 * Parses a JSON request body. Refused with a 400: nesting deeper than MAX_JSON_DEPTH (field `body`),
 * invalid JSON (`body`), and any string or key with a NUL or an unpaired surrogate (field: its
 * dotted path, e.g. `changes.0.path`, or `body` for a bare string).
 */
export function parseJsonText(text: string): unknown {
  if (isJsonDeeperThan(text, MAX_JSON_DEPTH)) {
    throw new AppError("bad_request", `body: is nested deeper than ${MAX_JSON_DEPTH} levels.`, "body");
  }
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    throw new AppError("bad_request", "body: is not valid JSON.", "body");
  }
  const bad = findUnstorableText(value);
  if (bad) {
    const field = bad.path.length > 0 ? bad.path.map(printableText).join(".") : "body";
    throw new AppError("bad_request", `${field}: ${bad.problem}.`, field);
  }
  return value;
}
