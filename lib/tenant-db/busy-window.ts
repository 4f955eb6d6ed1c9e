// How busy one tenant's lane has kept its runner lately: the CPU time of each finished call (the
// runner measures it), the wall time of a call killed before it could say, and the time so far of the
// call running now, over a sliding window. A finished call counts in the 100 ms bucket it ended in.

/** The window a tenant's CPU share is measured over. */
export const BUSY_WINDOW_MS = 10_000;
const BUCKET_MS = 100;
const BUCKETS = BUSY_WINDOW_MS / BUCKET_MS;

export class BusyWindow {
  // Ring of buckets: `slot` is the bucket's start time / BUCKET_MS, so a stale bucket is recognised.
  private readonly buckets = Array.from({ length: BUCKETS }, () => ({ slot: -1, costMs: 0 }));
  private openSince: number | undefined;

  /** A call was sent to the runner. */
  begin(now: number): void {
    this.openSince = now;
  }

  /** The call ended; `cpuMs` as the runner reported it, else (killed) its wall time. */
  end(now: number, cpuMs?: number): void {
    if (this.openSince === undefined) return;
    const wallMs = now - this.openSince;
    this.openSince = undefined;
    const slot = Math.floor(now / BUCKET_MS);
    const bucket = this.buckets[slot % BUCKETS];
    if (!bucket) return;
    if (bucket.slot !== slot) Object.assign(bucket, { slot, costMs: 0 });
    bucket.costMs += Math.max(0, Math.min(cpuMs ?? wallMs, wallMs));
  }

  /** Busy milliseconds within the last BUSY_WINDOW_MS, the running call included. */
  busyMs(now: number): number {
    const oldest = Math.floor(now / BUCKET_MS) - BUCKETS;
    const finished = this.buckets.reduce((sum, b) => (b.slot > oldest ? sum + b.costMs : sum), 0);
    const running = this.openSince === undefined ? 0 : now - Math.max(this.openSince, now - BUSY_WINDOW_MS);
    return finished + running;
  }

  /** Nothing in the window and nothing running: the lane's history can be forgotten. */
  isEmpty(now: number): boolean {
    return this.openSince === undefined && this.busyMs(now) === 0;
  }
}
