// The runner: a child process of the Next server, one per tenant, started with an empty
// environment, --no-expose-wasm and a bounded heap. It hosts the tenant's isolates and nothing
// else; the supervisor (lib/functions/runner-process.ts) kills it at wall time + slack if it stops answering.
import type { ParentMessage, RunnerMessage, RunnerOutcome, RunnerStats } from "./protocol";
import { exportCache, type CodeCache } from "./code-cache";
import { Invocation, type InvocationHost } from "./invocation";
import { acquireIsolate, forgetScript, isolateCount, prepareSpare, releaseIsolate, rememberScript, restoreSpare } from "./isolate-pool";

type InvokeMessage = Extract<ParentMessage, { t: "invoke" }>;
type DoneMessage = Extract<RunnerMessage, { t: "done" }>;
/** A call's answer, and the code cache its compile of the version produced, if any. */
type Answer = { done: DoneMessage; produced?: CodeCache["data"] };

const WATCHDOG_INTERVAL_MS = 10;
// The supervisor takes an answer within ≈ 0.5 ms. The work a cold call leaves (its code cache, a new
// spare: 2–3 ms of CPU) waits this long, so as not to compete with it for the CPU: started at once, it
// delayed one answer in three by ≈ 2 ms on 2 cores.
const AFTER_ANSWER_PAUSE_MS = 2;
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

/** Runs the invocation under the watchdog, from its start to its outcome. */
async function run(invocation: Invocation, requestJson: string, env: Record<string, string>): Promise<RunnerOutcome> {
  watch(invocation);
  invocation.start(requestJson, env);
  const outcome = await invocation.done;
  unwatch(invocation.id);
  return outcome;
}

function doneMessage(id: number, outcome: RunnerOutcome, cold: boolean, invocation?: Invocation, codeCacheFollows = false): DoneMessage {
  return {
    t: "done",
    id,
    outcome,
    logs: invocation?.logs.lines ?? [],
    logsTruncated: invocation?.logs.truncated ?? false,
    cpuMs: invocation?.cpuMs ?? 0,
    cold,
    codeCacheFollows,
    stats: stats(),
  };
}

async function invoke(message: InvokeMessage): Promise<void> {
  const { done, produced } = await answer(message);
  post(done);
  if (!done.cold) return; // only a cold call leaves work: its code cache, the spare it took
  await new Promise((resolve) => setTimeout(resolve, AFTER_ANSWER_PAUSE_MS));
  if (produced) post({ t: "code_cache", versionKey: message.versionKey, codeCache: exportCache(produced) });
  await prepareSpare();
}

async function answer(message: InvokeMessage): Promise<Answer> {
  if (message.script !== undefined) rememberScript(message.versionKey, message.script, message.cachedData);
  const acquired = await acquireIsolate(message.versionKey, message.limits.memoryMb);
  if (acquired.kind === "missing_script") return { done: doneMessage(message.id, { kind: "need_script" }, false) };
  if (acquired.kind === "invalid_script") {
    return { done: doneMessage(message.id, { kind: "error", code: "invalid_script", message: acquired.message }, true) };
  }
  const invocation = new Invocation(message.id, acquired.entry, message.limits, host);
  const outcome = await run(invocation, message.requestJson, message.env);
  releaseIsolate(acquired.entry, invocation.healthy, invocation.heapBytes);
  const { produced } = acquired;
  return { done: doneMessage(message.id, outcome, acquired.cold, invocation, produced !== undefined), produced };
}

async function prewarm(message: Extract<ParentMessage, { t: "prewarm" }>): Promise<void> {
  rememberScript(message.versionKey, message.script, message.cachedData);
  const acquired = await acquireIsolate(message.versionKey, message.memoryMb);
  if (acquired.kind === "ready") releaseIsolate(acquired.entry, true, 0);
  const produced = acquired.kind === "ready" ? acquired.produced : undefined;
  post({ t: "prewarmed", id: message.id, codeCache: produced && exportCache(produced), stats: stats() });
  await prepareSpare();
}

function onMessage(message: ParentMessage): void {
  // A failure here is a platform bug that may have left isolates in any state: start over.
  const fail = () => kill();
  if (message.t === "invoke") invoke(message).catch(fail);
  else if (message.t === "prewarm") prewarm(message).catch(fail);
  else if (message.t === "cap_result") running.get(message.id)?.deliver(message.callId, message.json);
  else if (message.t === "warm_up") warmUp().then(() => post({ t: "ready", stats: stats() }), fail);
}

// A call of platform code answered the way a tenant's is (message, isolate, context, bootstrap, handler,
// watchdog, pool, answer) in the spare isolate before "ready": a runner forked ahead into the pool then
// serves its tenant's first call with its own code already run once (≈ 0.5 ms less) and the spare
// isolate warm, instead of paying for that on the call's path. The supervisor's warm_up message starts
// it: the first message a process receives costs ≈ 0.5 ms more than later ones, and it is not the
// tenant's call that pays. (The runner says it is listening first: a message sent to a child still
// loading its modules is lost.) No tenant code or data is involved, so the spare it leaves behind is as
// clean as a new one; the answer is not sent.
const WARM_UP_CALL: InvokeMessage = {
  t: "invoke",
  id: 0,
  versionKey: "myco:warm-up",
  script: "var __mycoFunction = { default: () => null };",
  requestJson: JSON.stringify({ method: "GET", path: "/", query: {}, headers: {}, body: null }),
  env: {},
  // 64 MB: the spare's memory limit until a call asks for another.
  limits: { memoryMb: 64, cpuMs: 1_000, wallMs: 10_000, maxResponseBytes: 1024, maxLogBytes: 1024 },
};

async function warmUp(): Promise<void> {
  await prepareSpare();
  const { versionKey, limits } = WARM_UP_CALL;
  if ((await answer(WARM_UP_CALL)).done.outcome.kind !== "ok") return kill();
  // The isolate went to the idle pool as a call's does; taken from there, it becomes the spare again.
  const acquired = await acquireIsolate(versionKey, limits.memoryMb);
  forgetScript(versionKey);
  if (acquired.kind !== "ready") return kill();
  restoreSpare(acquired.entry, limits.memoryMb);
}

// Orphaned runners (the server died) must not linger.
process.on("disconnect", kill);
process.on("message", onMessage);
post({ t: "started" });
