// Warm isolates of one runner process. An isolate holds one compiled function version and serves
// one invocation at a time (so its cpuTime and memoryLimit are that invocation's own); each
// invocation gets a fresh context in it. One blank spare isolate is kept so a new version only
// pays for compiling.
import ivm from "isolated-vm";
import { BOOTSTRAP_SOURCE } from "./bootstrap-source";

/** An isolate checked out for one invocation, with the bootstrap and the version compiled in it. */
export type PooledIsolate = { isolate: ivm.Isolate; key: string; bootstrap: ivm.Script; script: ivm.Script; uses: number };

/** What acquiring an isolate for a version gave. */
export type Acquired =
  | { kind: "ready"; entry: PooledIsolate; cold: boolean }
  | { kind: "missing_script" }
  | { kind: "invalid_script"; message: string };

// Retiring isolates bounds whatever V8 keeps per isolate across contexts (code caches, GC debt).
const MAX_USES = 500;
const MAX_IDLE_PER_VERSION = 4;
const MAX_IDLE_TOTAL = 16;
const MAX_SCRIPTS = 64;
// Sources are kept in the runner's own heap (--max-old-space-size), so their total is bounded too.
const MAX_SCRIPT_CHARS_TOTAL = 32 * 1024 * 1024;
// An isolate whose heap stays above this after an invocation is disposed, not pooled: idle
// isolates must cost about 1 MB each, not their memoryLimit.
const MAX_IDLE_HEAP_BYTES = 8 * 1024 * 1024;

const scripts = new Map<string, string>();
let scriptChars = 0;
const idle = new Map<string, PooledIsolate[]>();
let spare: { isolate: ivm.Isolate; memoryMb: number } | undefined;
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

function refillSpare(): void {
  setImmediate(() => {
    spare ??= { isolate: newIsolate(spareMemoryMb), memoryMb: spareMemoryMb };
  });
}

function takeBlank(memoryMb: number): ivm.Isolate {
  spareMemoryMb = memoryMb;
  const taken = spare?.memoryMb === memoryMb ? spare.isolate : undefined;
  if (taken) spare = undefined;
  refillSpare();
  return taken ?? newIsolate(memoryMb);
}

/** Keeps a version's source (most recent MAX_SCRIPTS versions) for compiling it into new isolates. */
export function rememberScript(versionKey: string, source: string): void {
  scriptChars -= scripts.get(versionKey)?.length ?? 0;
  scripts.delete(versionKey);
  scripts.set(versionKey, source);
  scriptChars += source.length;
  for (const [oldest, text] of scripts) {
    if (scripts.size <= 1 || (scripts.size <= MAX_SCRIPTS && scriptChars <= MAX_SCRIPT_CHARS_TOTAL)) break;
    scripts.delete(oldest);
    scriptChars -= text.length;
  }
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
  const source = scripts.get(versionKey);
  if (source === undefined) return { kind: "missing_script" };
  const isolate = takeBlank(memoryMb);
  try {
    // Compiling is not covered by any timeout; the supervisor caps the script's size.
    const script = await isolate.compileScript(source, { filename: "function.js" });
    // Compiled once per isolate: running a compiled script costs a fifth of evalClosure's compile.
    const bootstrap = await isolate.compileScript(`(function ($0, $1) {${BOOTSTRAP_SOURCE}})`, { filename: "myco-bootstrap.js" });
    busy += 1;
    return { kind: "ready", entry: { isolate, key, bootstrap, script, uses: 0 }, cold: true };
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

/** Creates the spare ahead of the first invocation. */
export function prepareSpare(): void {
  refillSpare();
}
