// isolated-vm reports limits and tenant throws as host Errors; only the standard error name and the
// tenant's own message survive, never a stack (its frames name the platform's files).
const ERROR_NAMES = new Set(["Error", "TypeError", "RangeError", "SyntaxError", "ReferenceError", "EvalError", "URIError"]);
const MAX_MESSAGE_CHARS = 2000;

/** "Name: message" of a tenant error as isolated-vm copied it out of the isolate. */
export function describeTenantError(err: unknown): string {
  if (err instanceof Error) {
    const name = ERROR_NAMES.has(err.name) ? err.name : "Error";
    return `${name}: ${err.message}`.slice(0, MAX_MESSAGE_CHARS);
  }
  // A thrown primitive (`throw 42`) arrives as itself.
  return `Uncaught ${typeof err === "string" || typeof err === "number" || typeof err === "boolean" ? String(err) : "exception"}`.slice(
    0,
    MAX_MESSAGE_CHARS,
  );
}

/** The limit an isolated-vm failure stands for, if it is one. */
export function limitOf(err: unknown): "memory_limit" | "cpu_limit" | "disposed" | undefined {
  if (!(err instanceof Error)) return undefined;
  if (/memory limit/i.test(err.message)) return "memory_limit";
  // The `timeout` option of a synchronous slice (script top level, or the handler up to its first await).
  if (err.message === "Script execution timed out.") return "cpu_limit";
  if (/Isolate (was|is) disposed/i.test(err.message)) return "disposed";
  return undefined;
}
