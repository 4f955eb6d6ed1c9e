// A context for exactly one invocation: new, with the platform bootstrap run in it and no tenant code.
// Making one costs ≈ 0.5–1 ms, so the spare isolate holds one made ahead (isolate-pool.ts) and a new
// version's first call, a new tenant's included, does not wait for it. The invocation it serves
// configures it, runs the tenant script in it and releases it; it is never used again.
import ivm from "isolated-vm";

/** Bounds the bootstrap enforces inside the isolate; the runner checks them again on its side. */
export const INVOCATION_BOUNDS = { maxPayloadChars: 1024 * 1024, maxInflight: 32, maxSleeps: 64 } as const;

/** Opened synchronously, so only in an idle isolate (a new one, or a pooled one that passed its idle probe). */
export class FreshContext {
  readonly context: ivm.Context;
  /** The bootstrap's `control(kind, a, b)`: "configure", "start" and "deliver". */
  readonly control: ivm.Reference;
  /** Receives what the bootstrap sends: set by the invocation the context serves. */
  onSend: (args: unknown[]) => void = () => undefined;

  constructor(isolate: ivm.Isolate, bootstrap: ivm.Script) {
    this.context = isolate.createContextSync();
    try {
      const send = new ivm.Callback((...args: unknown[]) => this.onSend(args), { ignored: true });
      const boot: ivm.Reference = bootstrap.runSync(this.context, { reference: true });
      const bounds = new ivm.ExternalCopy(INVOCATION_BOUNDS).copyInto({ release: true });
      this.control = boot.applySync(undefined, [send, bounds], { result: { reference: true } });
      boot.release();
    } catch (err) {
      this.context.release();
      throw err;
    }
  }
}
