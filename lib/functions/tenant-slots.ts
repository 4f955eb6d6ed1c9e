// Per-tenant concurrency: at most maxConcurrent invocations run, up to 2× that many wait (at
// most wall time each), and anything beyond is refused at once so a flood cannot queue memory.
import { processWide } from "@/lib/config";

type Waiter = { grant(): void; timer: NodeJS.Timeout };
type TenantState = { active: number; queue: Waiter[] };

// One set of lanes per process (see processWide): a tenant's limit is the same whichever route calls.
const tenants = processWide("functions.slots", () => new Map<string, TenantState>());

/** Resolves true with a slot held (release it with releaseSlot), or false when the tenant is saturated. */
export function acquireSlot(tenantKey: string, maxConcurrent: number, maxWaitMs: number): Promise<boolean> {
  const state = tenants.get(tenantKey) ?? { active: 0, queue: [] };
  tenants.set(tenantKey, state);
  if (state.active < maxConcurrent) {
    state.active += 1;
    return Promise.resolve(true);
  }
  if (state.queue.length >= 2 * maxConcurrent) return Promise.resolve(false);
  return new Promise((resolve) => {
    const waiter: Waiter = {
      grant: () => {
        clearTimeout(waiter.timer);
        resolve(true);
      },
      timer: setTimeout(() => {
        state.queue.splice(state.queue.indexOf(waiter), 1);
        resolve(false);
      }, maxWaitMs),
    };
    state.queue.push(waiter);
  });
}

/** Hands the slot to the next waiter, or frees it. */
export function releaseSlot(tenantKey: string): void {
  const state = tenants.get(tenantKey);
  if (!state) return;
  const next = state.queue.shift();
  if (next) return next.grant();
  state.active -= 1;
  if (state.active <= 0) tenants.delete(tenantKey);
}
