import type { TenantScope } from "@/lib/auth";
import { headEvents, type HeadEvent } from "@/lib/workspace";
import { watchComponentEvents, type ComponentEvent } from "./hot-components";

/** What the builder's preview follows: the HEAD, each commit once built, and each component hot-built before it. */
export type PreviewEvent = HeadEvent | ComponentEvent;

// One stream of several, in the order their items arrive (a component built before a commit comes first).
function merged<T>(sources: AsyncIterable<T>[]): AsyncGenerator<T> {
  const queue: T[] = [];
  let open = sources.length;
  let failure = null as { err: unknown } | null;
  let wake: () => void = () => undefined;
  for (const source of sources) {
    void (async () => {
      try {
        for await (const item of source) {
          queue.push(item);
          wake();
        }
      } catch (err) {
        failure ??= { err };
      } finally {
        open--;
        wake();
      }
    })();
  }
  return (async function* () {
    for (;;) {
      const next = queue.shift();
      if (next !== undefined) {
        yield next;
        continue;
      }
      if (failure) throw failure.err;
      if (open === 0) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  })();
}

/**
 * The project's HEAD, then every later commit once its builds settled and every component rebuilt from
 * an edit before its commit, until `signal` aborts. Both are listened to before HEAD is read.
 */
export async function previewEvents(scope: TenantScope, signal: AbortSignal): Promise<AsyncGenerator<PreviewEvent>> {
  const components = watchComponentEvents(scope.projectId, signal);
  return merged<PreviewEvent>([await headEvents(scope, signal), components]);
}
