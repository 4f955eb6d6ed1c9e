// The contract between the platform and the function runtime. Everything here crosses the IPC
// channel to a runner process, so every value is plain JSON.
import type { LogLine } from "./runner/protocol";

export { LOG_LEVELS, type InvokeRequest, type LogLine } from "./runner/protocol";

/** The host side of `ctx`: what a function may reach outside its isolate, for one invocation. */
export type Capabilities = {
  /** JSON-serialisable results; may throw AppError: the runtime turns any throw into a sanitised error value inside the isolate. */
  dbQuery(sql: string, params: unknown[]): Promise<unknown>;
  dbExec(sql: string, params: unknown[]): Promise<unknown>;
  fetch(
    url: string,
    init: { method: string; headers: Record<string, string>; body: string | null },
  ): Promise<{ status: number; headers: Record<string, string>; body: string }>;
  env: Record<string, string>;
};

/** Why an invocation failed; every failure of tenant code maps to exactly one of these. */
export type InvokeErrorCode =
  | "timeout"
  | "cpu_limit"
  | "memory_limit"
  | "response_too_large"
  | "concurrency_limit"
  | "runtime_error"
  | "bad_response"
  | "invalid_script"
  | "crashed";

/** Figures every invocation reports, successful or not. */
type InvokeMeta = { logs: LogLine[]; logsTruncated: boolean; cpuMs: number; wallMs: number; cold: boolean };

/** The outcome of one invocation; `invokeFunction` resolves with this and never rejects. */
export type InvokeResult =
  | ({ ok: true; status: number; headers: Record<string, string>; body: unknown } & InvokeMeta)
  | ({ ok: false; error: { code: InvokeErrorCode; message: string } } & InvokeMeta);

/** A compiled function version: `script` is the bundler's IIFE defining `__mycoFunction.default`. */
export type FunctionSource = { versionKey: string; script: string };
