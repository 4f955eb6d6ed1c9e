import { z } from "zod";
import { AppError } from "@/lib/errors";
import { parseJsonText, readBodyText } from "@/lib/security";

/** Bodies larger than this are refused before parsing; routes that take files set their own limit. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** Validates `value` against `schema`, throwing bad_request that names the first offending field. */
export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, where: "params" | "query" | "body"): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.map(String).join(".") ?? "";
  const field = path || where;
  const message = issue?.code === "unrecognized_keys" ? `Unknown field(s): ${issue.keys.join(", ")}.` : issue?.message;
  throw new AppError("bad_request", `${field}: ${message ?? "is invalid"}`, issue?.code === "unrecognized_keys" ? issue.keys[0] : field);
}

function decodeQueryPart(raw: string, field: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    throw new AppError("bad_request", `${field}: has malformed percent-encoding.`, field);
  }
}

/**
 * The query string of a route that declares one, as a flat object. Refused with a 400 naming the key:
 * a key given twice (which one counts differs between proxies and frameworks) and malformed
 * %-escapes (URLSearchParams would keep them literally or turn them into U+FFFD).
 */
export function queryObject(url: URL): Record<string, string> {
  const entries = new Map<string, string>();
  for (const pair of url.search.slice(1).split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const key = decodeQueryPart(eq < 0 ? pair : pair.slice(0, eq), "query");
    if (entries.has(key)) throw new AppError("bad_request", `${key}: is given more than once.`, key);
    entries.set(key, decodeQueryPart(eq < 0 ? "" : pair.slice(eq + 1), key));
  }
  return Object.fromEntries(entries);
}

/**
 * The JSON body, bounded in size. A missing, oversized, non-UTF-8, too deeply nested or malformed
 * body is a 4xx naming `body`; a string holding a NUL or an unpaired surrogate one naming its field.
 */
export async function readJsonBody(req: Request, maxBytes: number): Promise<unknown> {
  const type = req.headers.get("content-type");
  if (type && !/^application\/json\b/i.test(type)) {
    throw new AppError("bad_request", "body: Content-Type must be application/json.", "body");
  }
  const text = await readBodyText(req, maxBytes);
  if (text.trim() === "") throw new AppError("bad_request", "body: a JSON body is required.", "body");
  return parseJsonText(text);
}
