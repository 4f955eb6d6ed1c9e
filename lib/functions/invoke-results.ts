import type { InvokeErrorCode, InvokeResult } from "./invoke-types";
import type { RunnerMessage, RunnerOutcome } from "./runner/protocol";

type Done = Extract<RunnerMessage, { t: "done" }>;
/** A runner's final answer: anything but a request for the script. */
type FinalOutcome = Exclude<RunnerOutcome, { kind: "need_script" }>;

/** A failed invocation decided by the supervisor itself (no logs reached it). */
export function failureResult(code: InvokeErrorCode, message: string, startedAt: number, cold = false): InvokeResult {
  return { ok: false, error: { code, message }, logs: [], logsTruncated: false, cpuMs: 0, wallMs: Date.now() - startedAt, cold };
}

/** The InvokeResult for a runner's answer; the body is parsed, and its size re-checked, here. */
export function resultOfDone(
  done: Done,
  outcome: FinalOutcome,
  call: { startedAt: number; cold: boolean; maxResponseBytes: number },
): InvokeResult {
  const meta = {
    logs: done.logs,
    logsTruncated: done.logsTruncated,
    cpuMs: Math.round(done.cpuMs * 100) / 100,
    wallMs: Date.now() - call.startedAt,
    cold: call.cold || done.cold,
  };
  if (outcome.kind === "error") return { ok: false, error: { code: outcome.code, message: outcome.message }, ...meta };
  if (Buffer.byteLength(outcome.bodyJson) > call.maxResponseBytes) {
    const message = `The response body exceeds ${call.maxResponseBytes} bytes.`;
    return { ok: false, error: { code: "response_too_large", message }, ...meta };
  }
  try {
    return { ok: true, status: outcome.status, headers: outcome.headers, body: JSON.parse(outcome.bodyJson) as unknown, ...meta };
  } catch {
    return { ok: false, error: { code: "bad_response", message: "The response body is not valid JSON." }, ...meta };
  }
}
