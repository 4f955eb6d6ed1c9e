// V8 code caches: an isolate compiling a script this runner compiled before skips parsing and
// bytecode generation. Cached data is compiled code and is trusted as such: a runner serves one tenant
// for its whole life, and the supervisor hands a tenant's cache only to that tenant's later runners,
// for the exact source it came from (lib/functions/tenant-code-caches.ts).
import ivm from "isolated-vm";
import { MAX_CODE_CACHE_CHARS } from "./protocol";

/** The cached data of one source text; empty until a first compile produced it. */
export type CodeCache = { data?: ivm.ExternalCopy<ArrayBuffer> };

// isolated-vm sets these on the compiled script; its typings leave them out.
type CompileResult = ivm.Script & { cachedData?: ivm.ExternalCopy<ArrayBuffer>; cachedDataRejected?: boolean };

/** Compiles `source` in the isolate using `cache`, or filling it on a first compile (or after V8 rejected it). */
export async function compileCached(isolate: ivm.Isolate, source: string, filename: string, cache: CodeCache): Promise<ivm.Script> {
  // isolated-vm asks not to consume and produce in one compile: a rejected cache is refilled next time.
  const options = cache.data ? { filename, cachedData: cache.data } : { filename, produceCachedData: true };
  const script: CompileResult = await isolate.compileScript(source, options);
  if (script.cachedDataRejected) cache.data = undefined;
  else if (script.cachedData) cache.data = script.cachedData;
  return script;
}

/** Cached data as it travels to the supervisor (base64), or undefined if it is too large to send. */
export function exportCache(data: ivm.ExternalCopy<ArrayBuffer>): string | undefined {
  const text = Buffer.from(data.copy()).toString("base64");
  return text.length <= MAX_CODE_CACHE_CHARS ? text : undefined;
}

/** Cached data the supervisor sent back (base64). */
export function importCache(text: string): ivm.ExternalCopy<ArrayBuffer> {
  const bytes = Buffer.from(text, "base64");
  return new ivm.ExternalCopy(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}
