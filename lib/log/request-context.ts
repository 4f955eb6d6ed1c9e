import { AsyncLocalStorage } from "node:async_hooks";

/** What is known about the request a piece of work runs for: the client's address, when there is a client. */
export type RequestContext = Readonly<{ address: string | null }>;

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `fn` as work for one request; everything it starts (awaited or not) sees the same context. */
export function withRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The request the current work runs for; undefined for work Myco started itself (start-up, timers). */
export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}
