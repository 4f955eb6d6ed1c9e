// Runner → supervisor messages are checked like any other input: the runner hosts tenant code, so
// the supervisor treats it as less trusted than itself.
import { z } from "zod";
import { LOG_LEVELS } from "./invoke-types";
import { FORWARDED_OPS, MAX_CODE_CACHE_CHARS, MAX_VERSION_KEY_CHARS, RUNNER_ERROR_CODES, type RunnerMessage } from "./runner/protocol";

const MAX_LOG_LINES = 70_000; // maxLogBytes (≤ 1 MiB) / 16 bytes of overhead per line, plus the marker
const Stats = z.strictObject({ isolates: z.number().int().min(0), rssBytes: z.number().min(0) });
const Outcome = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("ok"),
    status: z.number().int().min(200).max(599),
    headers: z.record(z.string().max(8192), z.string().max(8192)),
    bodyJson: z.string().max(64 * 1024 * 1024),
  }),
  z.strictObject({ kind: z.literal("error"), code: z.enum(RUNNER_ERROR_CODES), message: z.string().max(4000) }),
  z.strictObject({ kind: z.literal("need_script") }),
]);
// Opaque bytes V8 checks itself; a base64 check of megabytes would stall the server's event loop.
const CodeCache = z.string().max(MAX_CODE_CACHE_CHARS).optional();
const LogLineSchema = z.strictObject({ level: z.enum(LOG_LEVELS), message: z.string().max(1024 * 1024 + 1), time: z.number() });

const Message = z.discriminatedUnion("t", [
  z.strictObject({ t: z.literal("started") }),
  z.strictObject({ t: z.literal("ready"), stats: Stats }),
  z.strictObject({
    t: z.literal("cap"),
    id: z.number().int(),
    callId: z.number().int(),
    op: z.enum(FORWARDED_OPS),
    payload: z.string().max(1024 * 1024),
  }),
  z.strictObject({
    t: z.literal("done"),
    id: z.number().int(),
    outcome: Outcome,
    logs: z.array(LogLineSchema).max(MAX_LOG_LINES),
    logsTruncated: z.boolean(),
    cpuMs: z.number().min(0),
    cold: z.boolean(),
    codeCacheFollows: z.boolean(),
    stats: Stats,
  }),
  z.strictObject({ t: z.literal("code_cache"), versionKey: z.string().max(MAX_VERSION_KEY_CHARS), codeCache: CodeCache }),
  z.strictObject({ t: z.literal("prewarmed"), id: z.number().int(), codeCache: CodeCache, stats: Stats }),
  z.strictObject({ t: z.literal("retire") }),
]);

/** The message if it is a well-formed runner message, else undefined (the caller kills the runner). */
export function parseRunnerMessage(raw: unknown): RunnerMessage | undefined {
  const parsed = Message.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}
