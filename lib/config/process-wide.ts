// Next compiles instrumentation.ts, route handlers and server components as separate layers, each with
// its own copy of every lib/ module it imports, all in one process. State that must be one per process
// (the runner processes and their limits, warmed at start-up by instrumentation and used by routes)
// lives on globalThis under a registered symbol, so every copy reaches the same value.

/** The process's one value for `name`, made by `create` the first time any copy of a module asks. */
export function processWide<T>(name: string, create: () => T): T {
  const key = Symbol.for(`myco.${name}`);
  const store = globalThis as typeof globalThis & Record<symbol, T | undefined>;
  return (store[key] ??= create());
}
