// The bootstrap's final message, re-checked: tenant code cannot reach `send`, but the runner
// trusts nothing that comes out of an isolate.
import type { RunnerErrorCode, RunnerLimits, RunnerOutcome } from "./protocol";

// Codes the bootstrap may report; limits are only ever decided by the runner itself.
const TENANT_CODES: readonly RunnerErrorCode[] = ["runtime_error", "bad_response", "invalid_script", "response_too_large"];
const MAX_HEADERS = 100;
const MAX_HEADER_CHARS = 8 * 1024;
// RFC 9110 field names and values: what the HTTP layer can put on a Response without throwing
// (and without a CR/LF smuggling a second header).
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

function badResponse(message: string): RunnerOutcome {
  return { kind: "error", code: "bad_response", message };
}

function parseHeaders(json: string): Record<string, string> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return undefined;
  const entries = Object.entries(parsed);
  if (entries.length > MAX_HEADERS) return undefined;
  const headers: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, value] of entries) {
    if (typeof value !== "string" || name.length + value.length > MAX_HEADER_CHARS) return undefined;
    if (!HEADER_NAME.test(name) || !HEADER_VALUE.test(value)) return undefined;
    headers[name] = value;
  }
  return { ...headers };
}

function tenantError(code: unknown, message: unknown, limits: RunnerLimits): RunnerOutcome {
  const text = typeof message === "string" ? message.slice(0, 2000) : "Uncaught exception";
  // isolated-vm refuses an ArrayBuffer beyond memoryLimit with this RangeError; uncaught, the
  // invocation failed for memory, whatever the tenant's code made of it.
  if (text.startsWith("RangeError: Array buffer allocation failed")) {
    return { kind: "error", code: "memory_limit", message: `The function used more than its ${limits.memoryMb} MB of memory.` };
  }
  return { kind: "error", code: TENANT_CODES.find((known) => known === code) ?? "runtime_error", message: text };
}

/** The outcome for send("result", status, headersJson, bodyJson) or send("error", code, message). */
export function parseResult(kind: "result" | "error", a: unknown, b: unknown, c: unknown, limits: RunnerLimits): RunnerOutcome {
  if (kind === "error") return tenantError(a, b, limits);
  const { maxResponseBytes } = limits;
  if (typeof a !== "number" || !Number.isInteger(a) || a < 200 || a > 599) return badResponse("status must be an integer from 200 to 599.");
  const headers = typeof b === "string" ? parseHeaders(b) : undefined;
  if (!headers) return badResponse(`headers must be an object of at most ${MAX_HEADERS} valid HTTP header names and values.`);
  if (typeof c !== "string") return badResponse("The response body is not JSON-serialisable.");
  if (Buffer.byteLength(c) > maxResponseBytes) {
    return { kind: "error", code: "response_too_large", message: `The response body exceeds ${maxResponseBytes} bytes.` };
  }
  return { kind: "ok", status: a, headers, bodyJson: c };
}
