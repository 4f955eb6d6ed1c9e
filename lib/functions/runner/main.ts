// The runner: a child process of the Next server, one per tenant, started with an empty
// environment, --no-expose-wasm and a bounded heap. It hosts the tenant's isolates and nothing
// else; the supervisor (lib/functions/runner-process.ts) kills it at wall time + slack if it stops answering.
import type { ParentMessage, RunnerMessage, RunnerStats } from "./protocol";
import { Invocation, type InvocationHost } from "./invocation";
import { acquireIsolate, isolateCount, prepareSpare, releaseIsolate, rememberScript } from "./isolate-pool";

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

function reply(id: number, outcome: Extract<RunnerMessage, { t: "done" }>["outcome"], cold: boolean, invocation?: Invocation): void {
  post({
    t: "done",
    id,
    outcome,
    logs: invocation?.logs.lines ?? [],
    logsTruncated: invocation?.logs.truncated ?? false,
    cpuMs: invocation?.cpuMs ?? 0,
    cold,
    stats: stats(),
  });
}

async function invoke(message: InvokeMessage): Promise<void> {
  if (message.script !== undefined) rememberScript(message.versionKey, message.script);
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
  reply(message.id, outcome, acquired.cold, invocation);
}

async function prewarm(id: number, versionKey: string, script: string, memoryMb: number): Promise<void> {
  rememberScript(versionKey, script);
  const acquired = await acquireIsolate(versionKey, memoryMb);
  if (acquired.kind === "ready") releaseIsolate(acquired.entry, true, 0);
  post({ t: "prewarmed", id, stats: stats() });
}

function onMessage(message: ParentMessage): void {
  // A failure here is a platform bug that may have left isolates in any state: start over.
  const fail = () => kill();
  if (message.t === "invoke") invoke(message).catch(fail);
  else if (message.t === "prewarm") prewarm(message.id, message.versionKey, message.script, message.memoryMb).catch(fail);
  else if (message.t === "cap_result") running.get(message.id)?.deliver(message.callId, message.json);
}

// Orphaned runners (the server died) must not linger.
process.on("disconnect", kill);
process.on("message", onMessage);
prepareSpare();
post({ t: "ready", stats: stats() });
