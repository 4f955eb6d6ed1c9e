import { z } from "zod";
import { AppError } from "@/lib/errors";

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

/** The query string as a flat object (a repeated key keeps its last value). */
export function queryObject(url: URL): Record<string, string> {
  return Object.fromEntries(url.searchParams.entries());
}

/** The JSON body, bounded in size; a missing, oversized or malformed body is a 4xx naming "body". */
export async function readJsonBody(req: Request, maxBytes: number): Promise<unknown> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new AppError("payload_too_large", `body: must be at most ${maxBytes} bytes.`, "body");
  const type = req.headers.get("content-type");
  if (type && !/^application\/json\b/i.test(type)) {
    throw new AppError("bad_request", "body: Content-Type must be application/json.", "body");
  }
  const text = await req.text();
  if (Buffer.byteLength(text) > maxBytes) throw new AppError("payload_too_large", `body: must be at most ${maxBytes} bytes.`, "body");
  if (text.trim() === "") throw new AppError("bad_request", "body: a JSON body is required.", "body");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("bad_request", "body: is not valid JSON.", "body");
  }
}
