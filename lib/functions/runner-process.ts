// Supervises one runner process (one tenant, or none yet while it waits in the pool of spares). The
// runner enforces CPU, memory and wall time itself; this side is the backstop: a runner that has not
// answered at wall time + slack is SIGKILLed, its other calls answer `crashed`, and the next call
// spawns a new one.
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { buildNodeScript } from "@/lib/bundler";
import { log } from "@/lib/log";
import { callCapability } from "./call-capability";
import { RunnerCodeCaches } from "./tenant-code-caches";
import type { FunctionLimits } from "./function-limits";
import { failureResult, resultOfDone } from "./invoke-results";
import type { Capabilities, FunctionSource, InvokeResult } from "./invoke-types";
import type { ParentMessage, RunnerMessage, RunnerStats } from "./runner/protocol";
import { parseRunnerMessage } from "./runner-messages";

const WALL_SLACK_MS = 250;
// The runner enforces the same bound; this side does not rely on it.
const MAX_CAPS_PER_INVOCATION = 1_000;
const SPAWN_TIMEOUT_MS = 10_000;
const IDLE_RUNNER_MS = 5 * 60_000;
// The runner's own heap (IPC buffers, logs, one response at a time per call); each isolate has
// its memoryLimit on top, outside this heap.
const RUNNER_HEAP_MB = 192;

/** One invocation handed to a runner. */
type RunnerCall = {
  fn: FunctionSource;
  requestJson: string;
  capabilities: Capabilities;
  limits: FunctionLimits;
  startedAt: number;
};
type Pending = RunnerCall & {
  id: number;
  cold: boolean;
  scriptSent: boolean;
  capCalls: number;
  timer?: NodeJS.Timeout;
  resolve(r: InvokeResult): void;
};

let lastId = 0;

/** A runner process for one tenant; `ready` resolves false if it never started. */
export class RunnerProcess {
  readonly ready: Promise<boolean>;
  /** Undefined while a spare: it has run no tenant code and holds no tenant's data. Set once, never changed. */
  tenantKey: string | undefined;
  stats: RunnerStats = { isolates: 0, rssBytes: 0 };
  lastUsedAt = Date.now();
  private child: ChildProcess | undefined;
  private gone = false;
  private markReady: (ok: boolean) => void = () => undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private readonly calls = new Map<number, Pending>();
  private readonly prewarms = new Map<number, { fn: FunctionSource; resolve(): void }>();
  private readonly versions = new Set<string>();
  private readonly codeCaches = new RunnerCodeCaches(() => this.tenantKey);
  private readonly exited: Promise<void>;
  private markExited: () => void = () => undefined;
  private retiring = false;

  /** `hooks.forget`: take no new calls for the tenant here; `hooks.exited`: the process is gone. */
  constructor(
    tenantKey: string | undefined,
    private readonly hooks: { forget(runner: RunnerProcess): void; exited(runner: RunnerProcess): void },
  ) {
    this.tenantKey = tenantKey;
    this.exited = new Promise((resolve) => (this.markExited = resolve));
    void this.exited.then(() => hooks.exited(this));
    this.ready = new Promise((resolve) => {
      this.markReady = resolve;
      const timer = setTimeout(() => this.terminate("spawn_timeout"), SPAWN_TIMEOUT_MS);
      timer.unref();
      void this.spawn().finally(() => clearTimeout(timer));
    });
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Gives a spare to its tenant for the rest of its life (isolation: it never serves another). */
  assign(tenantKey: string): void {
    if (this.tenantKey !== undefined) throw new Error("A runner belongs to one tenant for its whole life.");
    this.tenantKey = tenantKey;
  }

  /** Killed or dying: it takes nothing new. */
  get isGone(): boolean {
    return this.gone;
  }

  get isBusy(): boolean {
    return this.calls.size + this.prewarms.size > 0;
  }

  /** Runs one invocation; resolves with its result, never rejects. `cold`: this call spawned the runner. */
  invoke(call: RunnerCall, cold: boolean): Promise<InvokeResult> {
    if (this.gone) return Promise.resolve(failureResult("crashed", "The function runner stopped.", call.startedAt, cold));
    return new Promise((resolve) => {
      lastId += 1;
      const pending: Pending = { ...call, id: lastId, cold, scriptSent: false, capCalls: 0, resolve };
      this.calls.set(pending.id, pending);
      this.busyChanged();
      pending.timer = setTimeout(() => this.onDeadline(pending), call.limits.wallMs + WALL_SLACK_MS);
      this.sendInvoke(pending, !this.versions.has(call.fn.versionKey));
    });
  }

  /** Compiles a version into a warm isolate ahead of its first call. */
  prewarm(fn: FunctionSource, memoryMb: number): Promise<void> {
    if (this.gone || this.versions.has(fn.versionKey)) return Promise.resolve();
    return new Promise((resolve) => {
      lastId += 1;
      const id = lastId;
      this.prewarms.set(id, { fn, resolve });
      this.busyChanged();
      setTimeout(() => this.onPrewarmed(id), SPAWN_TIMEOUT_MS).unref();
      this.post({ t: "prewarm", id, versionKey: fn.versionKey, script: fn.script, cachedData: this.codeCaches.find(fn.script), memoryMb });
    });
  }

  /** SIGKILLs the runner and answers everything still pending; resolves once it has exited. */
  async stop(): Promise<void> {
    this.terminate("shutdown");
    await this.exited;
  }

  private async spawn(): Promise<void> {
    try {
      const entry = await buildNodeScript(path.join(/*turbopackIgnore: true*/ process.cwd(), "lib/functions/runner/main.ts"), ["isolated-vm"]);
      if (this.gone) return this.markExited();
      const child = fork(entry, [], {
        // No secrets and no configuration: a tenant's env arrives per invocation. (Next's types
        // declare NODE_ENV required in ProcessEnv; the runner reads nothing from its environment.)
        env: {} as NodeJS.ProcessEnv,
        execArgv: ["--no-node-snapshot", "--no-expose-wasm", `--max-old-space-size=${RUNNER_HEAP_MB}`],
        stdio: ["ignore", "ignore", "ignore", "ipc"],
        serialization: "json",
      });
      this.child = child;
      child.on("message", (raw: unknown) => this.onMessage(raw));
      child.on("exit", (code, signal) => this.onExit(code, signal));
      child.on("error", (err) => log.warn("functions.runner.error", { tenantKey: this.tenantKey, err: err.message }));
      // A spare waits with nothing to do: it must not keep the server (or a test process) alive.
      if (this.tenantKey === undefined) this.busyChanged();
    } catch (err) {
      log.error("functions.runner.spawn_failed", { tenantKey: this.tenantKey }, err);
      this.terminate("spawn_failed");
      this.markExited();
    }
  }

  private onMessage(raw: unknown): void {
    const message = parseRunnerMessage(raw);
    if (!message) return this.terminate("bad_message");
    if (message.t === "started") return this.post({ t: "warm_up" });
    if (message.t === "cap") return this.onCap(message);
    if (message.t === "retire") return this.retire();
    if (message.t === "code_cache") return this.codeCaches.receive(message.versionKey, message.codeCache);
    this.stats = message.stats;
    if (message.t === "ready") this.markReady(true);
    else if (message.t === "done") this.onDone(message);
    else this.onPrewarmed(message.id, message.codeCache);
  }

  private onCap(message: Extract<RunnerMessage, { t: "cap" }>): void {
    const call = this.calls.get(message.id);
    if (!call) return;
    const { id, callId } = message;
    call.capCalls += 1;
    if (call.capCalls > MAX_CAPS_PER_INVOCATION) {
      const json = JSON.stringify({ ok: false, error: { message: "Too many capability calls in one invocation." } });
      return this.post({ t: "cap_result", id, callId, json });
    }
    void callCapability(call.capabilities, message.op, message.payload).then((json) => {
      if (this.calls.has(id)) this.post({ t: "cap_result", id, callId, json });
    });
  }

  private onDone(done: Extract<RunnerMessage, { t: "done" }>): void {
    const call = this.calls.get(done.id);
    if (!call) return;
    const { outcome } = done;
    if (outcome.kind === "need_script") {
      if (call.scriptSent) return this.finish(call, failureResult("crashed", "The function runner lost the script.", call.startedAt));
      return this.sendInvoke(call, true);
    }
    this.versions.add(call.fn.versionKey);
    if (done.codeCacheFollows) this.codeCaches.expect(call.fn.versionKey, call.fn.script);
    this.finish(call, resultOfDone(done, outcome, { ...call, maxResponseBytes: call.limits.maxResponseBytes }));
  }

  private onPrewarmed(id: number, codeCache?: string): void {
    const prewarm = this.prewarms.get(id);
    if (!prewarm || !this.prewarms.delete(id)) return;
    this.codeCaches.keep(prewarm.fn.script, codeCache);
    this.busyChanged();
    prewarm.resolve();
  }

  private sendInvoke(call: Pending, withScript: boolean): void {
    call.scriptSent ||= withScript;
    const { memoryMb, cpuMs, wallMs, maxResponseBytes, maxLogBytes } = call.limits;
    this.post({
      t: "invoke",
      id: call.id,
      versionKey: call.fn.versionKey,
      script: withScript ? call.fn.script : undefined,
      cachedData: withScript ? this.codeCaches.find(call.fn.script) : undefined,
      requestJson: call.requestJson,
      env: call.capabilities.env,
      limits: { memoryMb, cpuMs, wallMs, maxResponseBytes, maxLogBytes },
    });
  }

  private post(message: ParentMessage): void {
    try {
      this.child?.send(message, (err) => {
        if (err) this.terminate("send_failed");
      });
    } catch {
      // The channel closed under us (the runner died): its exit answers every call.
      this.terminate("send_failed");
    }
  }

  /** Lets the calls in flight finish here while the next call spawns a fresh runner. */
  private retire(): void {
    if (this.retiring || this.gone) return;
    this.retiring = true;
    log.warn("functions.runner.retired", { tenantKey: this.tenantKey });
    this.hooks.forget(this);
    this.busyChanged();
  }

  private onDeadline(call: Pending): void {
    const result = failureResult("timeout", `The function did not finish within ${call.limits.wallMs} ms.`, call.startedAt, call.cold);
    this.finish(call, result);
    log.warn("functions.runner.killed_at_deadline", { tenantKey: this.tenantKey, wallMs: call.limits.wallMs });
    this.terminate("deadline");
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    if (!this.gone) log.warn("functions.runner.exited", { tenantKey: this.tenantKey, code, signal });
    this.terminate("exited");
    this.markExited();
  }

  private terminate(reason: string): void {
    if (this.gone) return;
    this.gone = true;
    this.hooks.forget(this);
    clearTimeout(this.idleTimer);
    this.markReady(false);
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGKILL");
    else this.markExited();
    const message = reason === "shutdown" ? "The function runtime was shut down." : "The function runner stopped.";
    for (const call of [...this.calls.values()]) this.finish(call, failureResult("crashed", message, call.startedAt, call.cold));
    for (const id of [...this.prewarms.keys()]) this.onPrewarmed(id);
  }

  private finish(call: Pending, result: InvokeResult): void {
    if (!this.calls.delete(call.id)) return;
    clearTimeout(call.timer);
    this.lastUsedAt = Date.now();
    this.busyChanged();
    call.resolve(result);
  }

  /** An idle runner must not keep the server (or a test process) alive, and goes after a while. */
  private busyChanged(): void {
    const busy = this.isBusy && !this.gone;
    clearTimeout(this.idleTimer);
    if (busy) {
      this.child?.ref();
      this.child?.channel?.ref();
      return;
    }
    this.child?.unref();
    this.child?.channel?.unref();
    if (this.retiring) this.terminate("retired");
    else if (!this.gone && this.tenantKey !== undefined) this.idleTimer = setTimeout(() => this.terminate("idle"), IDLE_RUNNER_MS).unref();
  }
}
