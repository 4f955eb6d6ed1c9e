// Runs one capability call of a function in the supervisor, with the Capabilities of its
// invocation. Always resolves with the JSON envelope that goes back into the isolate: a throwing
// or rejecting capability becomes {ok:false, error:{message, code?}} and never a rejected promise.
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import type { Capabilities } from "./invoke-types";
import type { ForwardedOp } from "./runner/protocol";

// What a capability may return into an isolate; larger results are refused, not truncated.
const MAX_RESULT_CHARS = 4 * 1024 * 1024;
const DbArgs = z.strictObject({ sql: z.string().max(100_000), params: z.array(z.unknown()).max(1000) });
const FetchArgs = z.strictObject({
  url: z.string().min(1).max(8192),
  method: z.string().min(1).max(16),
  headers: z.record(z.string().max(256), z.string().max(8192)).refine((h) => Object.keys(h).length <= 100, "too many headers"),
  body: z.string().max(1024 * 1024).nullable(),
});

class BadArguments extends Error {}

function parseArgs<T>(schema: z.ZodType<T>, op: ForwardedOp, payload: string): T {
  let raw: unknown;
  try {
    raw = JSON.parse(payload);
  } catch {
    throw new BadArguments(`${op}: the arguments are not JSON.`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new BadArguments(`${op}: invalid arguments (${parsed.error.issues[0]?.message ?? "invalid"}).`);
  return parsed.data;
}

async function run(capabilities: Capabilities, op: ForwardedOp, payload: string): Promise<unknown> {
  if (op === "fetch") {
    const { url, ...init } = parseArgs(FetchArgs, op, payload);
    return capabilities.fetch(url, init);
  }
  const { sql, params } = parseArgs(DbArgs, op, payload);
  return op === "db.query" ? capabilities.dbQuery(sql, params) : capabilities.dbExec(sql, params);
}

function failure(err: unknown, op: ForwardedOp): string {
  if (err instanceof AppError) return JSON.stringify({ ok: false, error: { message: err.message, code: err.code } });
  if (err instanceof BadArguments) return JSON.stringify({ ok: false, error: { message: err.message, code: "bad_request" } });
  // Anything else is a platform bug whose message may name files, SQL engine internals or secrets.
  log.error("functions.capability.failed", { op }, err);
  return JSON.stringify({ ok: false, error: { message: "internal error" } });
}

/** The envelope for one capability call; never rejects. */
export async function callCapability(capabilities: Capabilities, op: ForwardedOp, payload: string): Promise<string> {
  try {
    const value = await run(capabilities, op, payload);
    const json = JSON.stringify({ ok: true, value: value ?? null });
    if (json.length > MAX_RESULT_CHARS) {
      return JSON.stringify({ ok: false, error: { message: `${op}: the result exceeds ${MAX_RESULT_CHARS} bytes.`, code: "payload_too_large" } });
    }
    return json;
  } catch (err) {
    return failure(err, op);
  }
}
