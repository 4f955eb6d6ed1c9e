// Warm isolates of one runner process. An isolate holds one compiled function version and serves
// one invocation at a time (so its cpuTime and memoryLimit are that invocation's own); each
// invocation gets a fresh context in it. One spare isolate, blank but for the compiled bootstrap and
// a fresh context made ahead, is kept so a new version (and a pooled runner's first call) only pays
// for compiling the version.
import ivm from "isolated-vm";
import { BOOTSTRAP_SOURCE } from "./bootstrap-source";
import { compileCached, importCache, type CodeCache } from "./code-cache";
import { FreshContext } from "./fresh-context";

/**
 * An isolate checked out for one invocation, with the bootstrap and the version compiled in it;
 * `fresh`: the spare's context made ahead, for the isolate's first invocation only.
 */
export type PooledIsolate = { isolate: ivm.Isolate; key: string; bootstrap: ivm.Script; script: ivm.Script; uses: number; fresh?: FreshContext };

/** What acquiring an isolate for a version gave; `produced`: the code cache compiling the version made. */
export type Acquired =
  | { kind: "ready"; entry: PooledIsolate; cold: boolean; produced?: ivm.ExternalCopy<ArrayBuffer> }
  | { kind: "missing_script" }
  | { kind: "invalid_script"; message: string };

// Retiring isolates bounds whatever V8 keeps per isolate across contexts (code caches, GC debt).
const MAX_USES = 500;
// As many as a tenant runs at once by default (DEFAULT_LIMITS.maxConcurrent): a steady stream of calls
// then reuses warm isolates instead of making and disposing one per call beyond the idle ones.
const MAX_IDLE_PER_VERSION = 8;
const MAX_IDLE_TOTAL = 16;
const MAX_SCRIPTS = 64;
// Sources are kept in the runner's own heap (--max-old-space-size), so their total is bounded too.
const MAX_SCRIPT_CHARS_TOTAL = 32 * 1024 * 1024;
// An isolate whose heap stays above this after an invocation is disposed, not pooled: idle
// isolates must cost about 1 MB each, not their memoryLimit.
const MAX_IDLE_HEAP_BYTES = 8 * 1024 * 1024;

/** A fresh isolate with the platform bootstrap compiled in it, a fresh context, and nothing else. */
type Blank = { isolate: ivm.Isolate; memoryMb: number; bootstrap: ivm.Script; fresh: FreshContext };

const BOOTSTRAP_WRAPPED = `(function ($0, $1) {${BOOTSTRAP_SOURCE}})`;
// Platform code, the same in every isolate of every runner.
const bootstrapCache: CodeCache = {};
const scripts = new Map<string, { source: string; cache: CodeCache }>();
let scriptChars = 0;
const idle = new Map<string, PooledIsolate[]>();
let spare: Blank | undefined;
let refilling = false;
let busy = 0;
let spareMemoryMb = 64;

function newIsolate(memoryMb: number): ivm.Isolate {
  // V8 has lost control of the isolate: nothing in this process can be trusted any more.
  return new ivm.Isolate({ memoryLimit: memoryMb, onCatastrophicError: () => process.kill(process.pid, "SIGKILL") });
}

function dispose(isolate: ivm.Isolate): void {
  try {
    if (!isolate.isDisposed) isolate.dispose();
  } catch {
    // Already gone (memory limit): nothing left to free.
  }
}

async function newBlank(memoryMb: number): Promise<Blank> {
  const isolate = newIsolate(memoryMb);
  try {
    // Compiled once per isolate: running a compiled script costs a fifth of evalClosure's compile.
    const bootstrap = await compileCached(isolate, BOOTSTRAP_WRAPPED, "myco-bootstrap.js", bootstrapCache);
    return { isolate, memoryMb, bootstrap, fresh: new FreshContext(isolate, bootstrap) };
  } catch (err) {
    dispose(isolate);
    throw err;
  }
}

function takeBlank(memoryMb: number): Promise<Blank> {
  spareMemoryMb = memoryMb;
  const taken = spare?.memoryMb === memoryMb ? spare : undefined;
  if (taken) spare = undefined;
  return taken ? Promise.resolve(taken) : newBlank(memoryMb);
}

/**
 * Keeps a version's source (most recent MAX_SCRIPTS versions) for compiling it into new isolates, with
 * the code cache an earlier runner of this tenant produced for this very source, if the supervisor sent one.
 */
export function rememberScript(versionKey: string, source: string, cachedData?: string): void {
  const known = scripts.get(versionKey);
  scripts.delete(versionKey);
  // The same text keeps its code cache; a different one under the same key must not use it.
  const entry = known?.source === source ? known : { source, cache: {} };
  if (cachedData !== undefined) entry.cache.data ??= importCache(cachedData);
  scripts.set(versionKey, entry);
  scriptChars += source.length - (known?.source.length ?? 0);
  for (const [oldest, { source: text }] of scripts) {
    if (scripts.size <= 1 || (scripts.size <= MAX_SCRIPTS && scriptChars <= MAX_SCRIPT_CHARS_TOTAL)) break;
    scripts.delete(oldest);
    scriptChars -= text.length;
  }
}

/** Drops a version's source and code cache. */
export function forgetScript(versionKey: string): void {
  scriptChars -= scripts.get(versionKey)?.source.length ?? 0;
  scripts.delete(versionKey);
}

/** A warm isolate for the version if one is idle, else the spare with the version compiled into it. */
export async function acquireIsolate(versionKey: string, memoryMb: number): Promise<Acquired> {
  const key = `${memoryMb}:${versionKey}`;
  const list = idle.get(key);
  const warm = list?.pop();
  if (list?.length === 0) idle.delete(key);
  if (warm) {
    busy += 1;
    return { kind: "ready", entry: warm, cold: false };
  }
  const known = scripts.get(versionKey);
  if (known === undefined) return { kind: "missing_script" };
  const { isolate, bootstrap, fresh } = await takeBlank(memoryMb);
  try {
    // Compiling is not covered by any timeout; the supervisor caps the script's size.
    const given = known.cache.data;
    const script = await compileCached(isolate, known.source, "function.js", known.cache);
    // Freshly produced (no cache yet, or V8 rejected the one given): the supervisor keeps it for later runners.
    const produced = known.cache.data !== given ? known.cache.data : undefined;
    busy += 1;
    const entry = { isolate, key, bootstrap, script, uses: 0, fresh };
    return { kind: "ready", entry, cold: true, produced };
  } catch (err) {
    dispose(isolate);
    const message = err instanceof Error ? `${err.name}: ${err.message}`.slice(0, 2000) : "The script does not compile.";
    return { kind: "invalid_script", message };
  }
}

function evictIdle(): void {
  let total = 0;
  for (const list of idle.values()) total += list.length;
  for (const [key, list] of idle) {
    if (total <= MAX_IDLE_TOTAL) break;
    const oldest = list.shift();
    if (oldest) dispose(oldest.isolate);
    if (list.length === 0) idle.delete(key);
    total -= 1;
  }
}

/** The context for the entry's next invocation: the one made ahead if it has not served yet, else a new one. */
export function takeContext(entry: PooledIsolate): FreshContext {
  const ahead = entry.fresh;
  entry.fresh = undefined; // a context serves one invocation
  return ahead ?? new FreshContext(entry.isolate, entry.bootstrap);
}

/** Returns an isolate after an invocation; it is pooled only if `healthy` and its heap is small again. */
export function releaseIsolate(entry: PooledIsolate, healthy: boolean, heapBytes: number): void {
  busy -= 1;
  entry.uses += 1;
  if (!healthy || entry.isolate.isDisposed || entry.uses >= MAX_USES || heapBytes > MAX_IDLE_HEAP_BYTES) {
    dispose(entry.isolate);
    return;
  }
  const list = idle.get(entry.key) ?? [];
  idle.delete(entry.key); // re-inserted last: the Map's order is least recently used first
  if (list.length >= MAX_IDLE_PER_VERSION) dispose(entry.isolate);
  else list.push(entry);
  if (list.length > 0) idle.set(entry.key, list);
  evictIdle();
}

/** Disposes an isolate that hit a limit, right away (also stops whatever it is running). */
export function disposeIsolate(isolate: ivm.Isolate): void {
  dispose(isolate);
}

/** Live isolates: busy, idle and the spare. */
export function isolateCount(): number {
  let total = busy + (spare ? 1 : 0);
  for (const list of idle.values()) total += list.length;
  return total;
}

/**
 * Makes `entry`'s isolate the spare again, once it has run only platform code (the runner's warm-up):
 * its contexts are gone, and what stays is compiled platform code, which every isolate may share.
 */
export function restoreSpare(entry: PooledIsolate, memoryMb: number): void {
  busy -= 1;
  if (spare || entry.isolate.isDisposed) return dispose(entry.isolate);
  entry.script.release();
  spare = { isolate: entry.isolate, memoryMb, bootstrap: entry.bootstrap, fresh: new FreshContext(entry.isolate, entry.bootstrap) };
}

/**
 * Makes the spare isolate if there is none: before the runner says it is ready, and after each call
 * that took it (once that call has been answered, so no call waits for it).
 */
export async function prepareSpare(): Promise<void> {
  if (spare || refilling) return;
  refilling = true;
  try {
    spare = await newBlank(spareMemoryMb);
  } finally {
    refilling = false;
  }
}
