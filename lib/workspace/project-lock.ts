// Workspace changes of one project are serialised in-process: git's index allows one writer, and a change
// set must see the tree it validated. (Several Myco nodes on one data dir would need a shared lock.)
const tails = new Map<string, Promise<unknown>>();

/** Runs `fn` after every earlier locked call with this key (a project id, or `<id>:<purpose>`) has settled. */
export async function withProjectLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
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
