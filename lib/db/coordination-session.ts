import type { Logger } from "@/lib/log";

/**
 * A PostgreSQL session of its own, outside Prisma's pool, for what lives as long as a connection does:
 * session advisory locks (freed by the server when the connection ends, however the node died) and
 * LISTEN. lib/coordination builds cross-node locks and pub/sub on it.
 */
export type CoordinationSession = {
  query<R extends Record<string, unknown>>(text: string, values?: unknown[]): Promise<R[]>;
  /** Called for each NOTIFY on a channel this session LISTENs to. */
  onNotification(listener: (channel: string, payload: string) => void): void;
  /** Called once when the connection is lost (not after end()). */
  onLost(listener: (err: Error) => void): void;
  end(): Promise<void>;
};

// Keepalives on our side let a node notice a server that vanished (a failover, a partition) and stop the
// work its locks guarded. The server freeing a vanished node's locks takes its own
// keepalive settings (docs/operations.md, "Several nodes"): a process that dies is noticed at once.
const KEEPALIVE_DELAY_MS = 5_000;

/** Opens a coordination session on the registry database at `url`, named `name` in pg_stat_activity. */
export async function openCoordinationSession(url: string, name: string, log: Logger): Promise<CoordinationSession> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({
    connectionString: url,
    application_name: name,
    keepAlive: true,
    keepAliveInitialDelayMillis: KEEPALIVE_DELAY_MS,
  });
  let ended = false;
  const lostListeners: ((err: Error) => void)[] = [];
  const lost = (err: Error) => {
    if (ended) return;
    ended = true;
    log.warn("coordination.session_lost", { name, err: err.message });
    for (const listener of lostListeners) listener(err);
  };
  client.on("error", lost);
  client.on("end", () => lost(new Error("connection ended")));
  await client.connect();
  // One query at a time, in the order asked (pg deprecates queueing on a busy client).
  let queue: Promise<unknown> = Promise.resolve();
  return {
    query: <R extends Record<string, unknown>>(text: string, values?: unknown[]) => {
      const result = queue.then(() => client.query<R>(text, values));
      queue = result.catch(() => undefined);
      return result.then((answer) => answer.rows);
    },
    onNotification: (listener) => client.on("notification", (n) => listener(n.channel, n.payload ?? "")),
    onLost: (listener) => lostListeners.push(listener),
    end: async () => {
      ended = true;
      await client.end().catch(() => undefined);
    },
  };
}
