import { processWide } from "@/lib/config";

// One chain of promises per key, for the whole process (every copy Next makes of this module shares it).
const tails = processWide("coordination.localLocks", () => new Map<string, Promise<unknown>>());

/**
 * Runs `fn` after every earlier call with this key in this process has settled. Enough for what is
 * node-local by design (an esbuild context, a hot rebuild); what other nodes touch takes withSharedLock.
 */
export async function withLocalLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  const run = previous.then(fn, fn);
  const tail = run.catch(() => undefined);
  tails.set(key, tail);
  try {
    return await run;
  } finally {
    if (tails.get(key) === tail) tails.delete(key);
  }
}
