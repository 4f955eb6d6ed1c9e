// The IPC messages between the supervisor (Next server) and a runner process, and the plain data
// types both sides share. Nothing here imports: the runner is bundled on its own and must not
// pull the supervisor's dependencies in.

/** The HTTP request a function sees as its first argument (`req`). */
export type InvokeRequest = {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
};

/** The log levels a function may use. */
export const LOG_LEVELS = ["debug", "info", "log", "warn", "error"] as const;

/** One console line of an invocation; `time` is epoch milliseconds, stamped by the runner. */
export type LogLine = { level: (typeof LOG_LEVELS)[number]; message: string; time: number };

/** The limits a runner enforces itself (see FunctionLimits); wall time is also enforced, with slack, by the supervisor. */
export type RunnerLimits = { memoryMb: number; cpuMs: number; wallMs: number; maxResponseBytes: number; maxLogBytes: number };

/** The capabilities a runner forwards to the supervisor; timers ("sleep") stay in the runner. */
export const FORWARDED_OPS = ["db.query", "db.exec", "fetch"] as const;
export type ForwardedOp = (typeof FORWARDED_OPS)[number];

/**
 * Supervisor → runner. `script` is sent only when the runner may not have the version yet, with
 * `cachedData` (V8 code cache, base64) if one of this tenant's runners produced it for that very source.
 */
export type ParentMessage =
  | {
      t: "invoke";
      id: number;
      versionKey: string;
      script?: string;
      cachedData?: string;
      /** The InvokeRequest as JSON, parsed afresh inside the isolate. */
      requestJson: string;
      env: Record<string, string>;
      limits: RunnerLimits;
    }
  | { t: "prewarm"; id: number; versionKey: string; script: string; cachedData?: string; memoryMb: number }
  // The answer to "started": warm up (see runner/main.ts), then say "ready".
  | { t: "warm_up" }
  // `json` is the envelope {ok:true,value} | {ok:false,error:{message,code?}} as delivered into the isolate.
  | { t: "cap_result"; id: number; callId: number; json: string };

/** Codes a runner can answer itself; the supervisor adds timeout-by-kill, crashed and concurrency_limit. */
export const RUNNER_ERROR_CODES = [
  "timeout",
  "cpu_limit",
  "memory_limit",
  "response_too_large",
  "runtime_error",
  "bad_response",
  "invalid_script",
] as const;
export type RunnerErrorCode = (typeof RUNNER_ERROR_CODES)[number];

/** What one invocation produced inside the runner. `bodyJson` is already bounded by maxResponseBytes. */
export type RunnerOutcome =
  | { kind: "ok"; status: number; headers: Record<string, string>; bodyJson: string }
  | { kind: "error"; code: RunnerErrorCode; message: string }
  | { kind: "need_script" };

/** Longest function version key the supervisor accepts (and so a runner can name). */
export const MAX_VERSION_KEY_CHARS = 256;

/** Longest V8 code cache (base64) a runner sends; a bigger one is not sent. */
export const MAX_CODE_CACHE_CHARS = 16 * 1024 * 1024;

/** Cheap figures a runner reports with every answer (for runtimeStats). */
export type RunnerStats = { isolates: number; rssBytes: number };

/**
 * Runner → supervisor. `codeCacheFollows`: the call compiled the version and produced a V8 code cache,
 * which follows in a `code_cache` message (after the answer, so that the call does not wait for it);
 * its `codeCache` (base64) is absent if too large to send. `prewarmed` carries its cache itself.
 */
export type RunnerMessage =
  // The runner listens for messages (before, one could be lost); "ready": it is warm and takes calls.
  | { t: "started" }
  | { t: "ready"; stats: RunnerStats }
  | { t: "cap"; id: number; callId: number; op: ForwardedOp; payload: string }
  | {
      t: "done";
      id: number;
      outcome: RunnerOutcome;
      logs: LogLine[];
      logsTruncated: boolean;
      cpuMs: number;
      cold: boolean;
      codeCacheFollows: boolean;
      stats: RunnerStats;
    }
  | { t: "code_cache"; versionKey: string; codeCache?: string }
  | { t: "prewarmed"; id: number; codeCache?: string; stats: RunnerStats }
  // The runner has a disposed isolate that keeps running: give it no new calls.
  | { t: "retire" };
