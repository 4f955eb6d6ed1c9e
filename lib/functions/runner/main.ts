// The runner: a child process of the Next server, one per tenant, started with an empty
// environment, --no-expose-wasm and a bounded heap. It hosts the tenant's isolates and nothing
// else; the supervisor (lib/functions/runner-process.ts) kills it at wall time + slack if it stops answering.
import type { ParentMessage, RunnerMessage, RunnerStats } from "./protocol";
import { Invocation, type InvocationHost } from "./invocation";
import { acquireIsolate, forgetScript, isolateCount, prepareSpare, releaseIsolate, rememberScript, restoreSpare } from "./isolate-pool";

type InvokeMessage = Extract<ParentMessage, { t: "invoke" }>;

const WATCHDOG_INTERVAL_MS = 10;
const running = new Map<number, Invocation>();
let watchdog: NodeJS.Timeout | undefined;

function kill(): never {
  process.kill(process.pid, "SIGKILL");
  throw new Error("unreachable");
}

function post(message: RunnerMessage): void {
  process.send?.(message);
}

function stats(): RunnerStats {
  return { isolates: isolateCount(), rssBytes: process.memoryUsage.rss() };
}

const host: InvocationHost = {
  forwardCap: (id, callId, op, payload) => post({ t: "cap", id, callId, op, payload }),
  retire: () => post({ t: "retire" }),
  fatal: kill,
};

function watch(invocation: Invocation): void {
  running.set(invocation.id, invocation);
  watchdog ??= setInterval(() => {
    const now = Date.now();
    for (const each of running.values()) each.check(now);
  }, WATCHDOG_INTERVAL_MS);
}

function unwatch(id: number): void {
  running.delete(id);
  if (running.size === 0 && watchdog) {
    clearInterval(watchdog);
    watchdog = undefined;
  }
}

function reply(id: number, outcome: Extract<RunnerMessage, { t: "done" }>["outcome"], cold: boolean, invocation?: Invocation, codeCache?: string): void {
  post({
    t: "done",
    id,
    outcome,
    logs: invocation?.logs.lines ?? [],
    logsTruncated: invocation?.logs.truncated ?? false,
    cpuMs: invocation?.cpuMs ?? 0,
    cold,
    codeCache,
    stats: stats(),
  });
}

async function invoke(message: InvokeMessage): Promise<void> {
  await answer(message);
  await prepareSpare();
}

async function answer(message: InvokeMessage): Promise<void> {
  if (message.script !== undefined) rememberScript(message.versionKey, message.script, message.cachedData);
  const acquired = await acquireIsolate(message.versionKey, message.limits.memoryMb);
  if (acquired.kind === "missing_script") return reply(message.id, { kind: "need_script" }, false);
  if (acquired.kind === "invalid_script") {
    return reply(message.id, { kind: "error", code: "invalid_script", message: acquired.message }, true);
  }
  const invocation = new Invocation(message.id, acquired.entry, message.limits, host);
  watch(invocation);
  invocation.start(message.requestJson, message.env);
  const outcome = await invocation.done;
  unwatch(message.id);
  releaseIsolate(acquired.entry, invocation.healthy, invocation.heapBytes);
  reply(message.id, outcome, acquired.cold, invocation, acquired.codeCache);
}

async function prewarm(message: Extract<ParentMessage, { t: "prewarm" }>): Promise<void> {
  rememberScript(message.versionKey, message.script, message.cachedData);
  const acquired = await acquireIsolate(message.versionKey, message.memoryMb);
  if (acquired.kind === "ready") releaseIsolate(acquired.entry, true, 0);
  post({ t: "prewarmed", id: message.id, codeCache: acquired.kind === "ready" ? acquired.codeCache : undefined, stats: stats() });
  await prepareSpare();
}

function onMessage(message: ParentMessage): void {
  // A failure here is a platform bug that may have left isolates in any state: start over.
  const fail = () => kill();
  if (message.t === "invoke") invoke(message).catch(fail);
  else if (message.t === "prewarm") prewarm(message).catch(fail);
  else if (message.t === "cap_result") running.get(message.id)?.deliver(message.callId, message.json);
}

// A call of platform code through the whole path (isolate, context, bootstrap, handler) in the spare
// isolate before "ready": a runner forked ahead into the pool then serves its tenant's first call with
// its own code and the spare isolate already warm, instead of paying for that on the call's path.
// No tenant code or data is involved, so the spare it leaves behind is as clean as a new one.
const WARM_UP = { versionKey: "myco:warm-up", script: "var __mycoFunction = { default: () => null };" };
// 64 MB: the spare's memory limit until a call asks for another.
const WARM_UP_LIMITS = { memoryMb: 64, cpuMs: 1_000, wallMs: 10_000, maxResponseBytes: 1024, maxLogBytes: 1024 };

async function warmUp(): Promise<void> {
  await prepareSpare();
  rememberScript(WARM_UP.versionKey, WARM_UP.script);
  const acquired = await acquireIsolate(WARM_UP.versionKey, WARM_UP_LIMITS.memoryMb);
  forgetScript(WARM_UP.versionKey);
  if (acquired.kind !== "ready") return kill();
  const invocation = new Invocation(0, acquired.entry, WARM_UP_LIMITS, host);
  invocation.start(JSON.stringify({ method: "GET", path: "/", query: {}, headers: {}, body: null }), {});
  if ((await invocation.done).kind !== "ok") return kill();
  restoreSpare(acquired.entry, WARM_UP_LIMITS.memoryMb);
}

// Orphaned runners (the server died) must not linger.
process.on("disconnect", kill);
process.on("message", onMessage);
warmUp().then(() => post({ t: "ready", stats: stats() }), kill);
