// One invocation inside a runner: a fresh context (bootstrap run, perhaps ahead) in a checked-out
// isolate, the tenant script, the handler, and every message the bootstrap sends back. It settles exactly once:
// with the handler's result (after the isolate went idle), a tenant error, or a limit.
import ivm from "isolated-vm";
import { FORWARDED_OPS, type ForwardedOp, type RunnerLimits, type RunnerOutcome } from "./protocol";
import { describeTenantError, limitOf } from "./isolate-errors";
import { INVOCATION_BOUNDS, type FreshContext } from "./fresh-context";
import { disposeIsolate, takeContext, type PooledIsolate } from "./isolate-pool";
import { LogBuffer } from "./log-buffer";
import { parseResult } from "./parse-result";

/** What an invocation needs from the runner process. */
export type InvocationHost = {
  forwardCap(id: number, callId: number, op: ForwardedOp, payload: string): void;
  /** A disposed isolate is still busy: the supervisor should send new calls to a new runner. */
  retire(): void;
  /** The isolate would not stop after being disposed: the process must go. */
  fatal(): void;
};

// Each capability call is work in the web server's process: an invocation gets this many.
const MAX_CAPS_PER_INVOCATION = 1_000;
const { maxInflight: MAX_INFLIGHT_CAPS, maxSleeps: MAX_SLEEPS, maxPayloadChars: MAX_PAYLOAD_CHARS } = INVOCATION_BOUNDS;
// After a forced dispose, V8 stops JS within a millisecond but not some natives (BigInt maths, GC
// storms). Still busy after RETIRE_AFTER_MS: new calls go to a new runner; still busy after
// ZOMBIE_GRACE_MS: the thread burns CPU nobody pays for, and the process goes.
const RETIRE_AFTER_MS = 25;
const ZOMBIE_GRACE_MS = 2_000;
const LIMIT_MESSAGES = {
  cpu_limit: (l: RunnerLimits) => `The function used more than its ${l.cpuMs} ms of CPU time.`,
  timeout: (l: RunnerLimits) => `The function did not finish within ${l.wallMs} ms.`,
  memory_limit: (l: RunnerLimits) => `The function used more than its ${l.memoryMb} MB of memory.`,
} as const;
type LimitCode = keyof typeof LIMIT_MESSAGES;

function envelope(ok: boolean, valueOrMessage: unknown): string {
  return JSON.stringify(ok ? { ok: true, value: valueOrMessage ?? null } : { ok: false, error: { message: valueOrMessage } });
}

/** A running invocation; `done` resolves once with its outcome. */
export class Invocation {
  readonly logs: LogBuffer;
  readonly done: Promise<RunnerOutcome>;
  cpuMs = 0;
  heapBytes = 0;
  healthy = true;
  private readonly isolate: ivm.Isolate;
  private readonly startCpu: bigint;
  private readonly startWall = Date.now();
  private fresh?: FreshContext;
  private settled = false;
  private resultPending = false;
  private pendingOps = 0;
  private inflightCaps = 0;
  private capCalls = 0;
  private readonly sleeps = new Set<NodeJS.Timeout>();
  private resolveDone!: (outcome: RunnerOutcome) => void;

  constructor(
    readonly id: number,
    private readonly entry: PooledIsolate,
    private readonly limits: RunnerLimits,
    private readonly host: InvocationHost,
  ) {
    this.isolate = entry.isolate;
    this.startCpu = this.isolate.cpuTime;
    this.logs = new LogBuffer(limits.maxLogBytes);
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
  }

  /** Configures the invocation's fresh context and runs the script, then the handler; the outcome arrives on `done`. */
  start(requestJson: string, env: Record<string, string>): void {
    const settings = { env, maxLogBytes: this.limits.maxLogBytes, maxResponseBytes: this.limits.maxResponseBytes };
    try {
      // Synchronous on purpose: the isolate is idle (pooled isolates passed an idle probe) and
      // only platform code runs here.
      this.fresh = takeContext(this.entry);
      this.fresh.onSend = (args) => this.onSend(args);
      this.fresh.control.applySync(undefined, ["configure", new ivm.ExternalCopy(settings).copyInto({ release: true })]);
    } catch (err) {
      this.onIsolateError(err);
      return;
    }
    const { context, control } = this.fresh;
    const timeout = this.limits.cpuMs;
    // `timeout` covers only each synchronous slice; the watchdog covers everything after an await.
    this.track(this.entry.script.run(context, { timeout }), () => {
      if (this.settled) return;
      const args = ["start", requestJson];
      this.track(control.apply(undefined, args, { arguments: { copy: true }, timeout }));
    });
  }

  /** Called every ~10 ms by the watchdog. */
  check(now: number): void {
    if (this.settled) return;
    if (this.isolate.isDisposed) return this.stop("memory_limit", false);
    this.readCpu();
    if (this.cpuMs > this.limits.cpuMs) this.stop("cpu_limit", true);
    else if (now - this.startWall > this.limits.wallMs) this.stop("timeout", true);
  }

  /** A capability answer from the supervisor (or a finished timer): into the isolate, by copy. */
  deliver(callId: number, json: string, isCap = true): void {
    if (this.settled || !this.fresh) return;
    if (isCap) this.inflightCaps -= 1;
    this.track(this.fresh.control.apply(undefined, ["deliver", callId, json], { arguments: { copy: true } }));
  }

  private track(op: Promise<unknown>, onFulfilled?: () => void): void {
    this.pendingOps += 1;
    op.then(
      () => {
        this.pendingOps -= 1;
        onFulfilled?.();
      },
      (err: unknown) => {
        this.pendingOps -= 1;
        this.onIsolateError(err);
      },
    );
  }

  private readCpu(): void {
    try {
      this.cpuMs = Number(this.isolate.cpuTime - this.startCpu) / 1e6;
    } catch {
      // Disposed since the last reading: keep it.
    }
  }

  private onSend(args: unknown[]): void {
    if (this.settled) return;
    const [kind, a, b, c] = args;
    if (kind === "log") this.logs.push(a, b);
    else if (kind === "cap") this.onCap(a, b, c);
    else if (kind === "result" || kind === "error") this.onResult(parseResult(kind, a, b, c, this.limits));
  }

  private onCap(callId: unknown, op: unknown, payload: unknown): void {
    if (typeof callId !== "number" || !Number.isSafeInteger(callId)) return;
    if (typeof payload !== "string" || payload.length > MAX_PAYLOAD_CHARS) {
      this.deliver(callId, envelope(false, "The arguments are too large."), false);
    } else if (op === "sleep") {
      this.sleep(callId, Number(payload));
    } else if (!FORWARDED_OPS.includes(op as ForwardedOp) || this.inflightCaps >= MAX_INFLIGHT_CAPS) {
      this.deliver(callId, envelope(false, "Too many capability calls in flight."), false);
    } else if (this.capCalls >= MAX_CAPS_PER_INVOCATION) {
      this.deliver(callId, envelope(false, `More than ${MAX_CAPS_PER_INVOCATION} capability calls in one invocation.`), false);
    } else {
      this.capCalls += 1;
      this.inflightCaps += 1;
      this.host.forwardCap(this.id, callId, op as ForwardedOp, payload);
    }
  }

  private sleep(callId: number, ms: number): void {
    if (this.sleeps.size >= MAX_SLEEPS) return this.deliver(callId, envelope(false, "Too many pending timers."), false);
    // A timer can never outlive the invocation, so it needs no bound of its own beyond wall time.
    const remaining = this.limits.wallMs - (Date.now() - this.startWall);
    const timer = setTimeout(() => {
      this.sleeps.delete(timer);
      this.deliver(callId, envelope(true, null), false);
    }, Math.max(0, Math.min(Number.isFinite(ms) ? ms : 0, remaining)));
    this.sleeps.add(timer);
  }

  private onResult(outcome: RunnerOutcome): void {
    if (this.resultPending) return;
    this.resultPending = true;
    if (outcome.kind === "error" && outcome.code === "memory_limit") this.healthy = false;
    // The isolate answers a heap-statistics request only once the task that sent the result
    // (and its microtasks) is over: work a tenant left running after returning is still caught
    // by the watchdog, and the heap size decides whether the isolate may be pooled.
    const probe = this.isolate.getHeapStatistics();
    this.pendingOps += 1;
    probe.then(
      (stats) => {
        this.pendingOps -= 1;
        this.heapBytes = stats.used_heap_size + stats.externally_allocated_size;
        this.settle(outcome);
      },
      (err: unknown) => {
        this.pendingOps -= 1;
        this.onIsolateError(err);
      },
    );
  }

  private onIsolateError(err: unknown): void {
    if (this.settled) return;
    const limit = limitOf(err);
    if (limit === "cpu_limit") return this.stop("cpu_limit", true);
    if (limit) return this.stop("memory_limit", false); // disposed, and not by us: the memory limit
    this.onResult({ kind: "error", code: "runtime_error", message: describeTenantError(err) });
  }

  private stop(code: LimitCode, mustDispose: boolean): void {
    this.readCpu();
    this.healthy = false;
    if (mustDispose) disposeIsolate(this.isolate);
    this.settle({ kind: "error", code, message: LIMIT_MESSAGES[code](this.limits) });
    setTimeout(() => {
      if (this.pendingOps > 0) this.host.retire();
    }, RETIRE_AFTER_MS).unref();
    setTimeout(() => {
      if (this.pendingOps > 0) this.host.fatal();
    }, ZOMBIE_GRACE_MS).unref();
  }

  private settle(outcome: RunnerOutcome): void {
    if (this.settled) return;
    this.settled = true;
    this.readCpu();
    for (const timer of this.sleeps) clearTimeout(timer);
    this.sleeps.clear();
    for (const handle of [this.fresh?.control, this.fresh?.context]) {
      try {
        handle?.release();
      } catch {
        // The isolate is gone already.
      }
    }
    this.resolveDone(outcome);
  }
}
