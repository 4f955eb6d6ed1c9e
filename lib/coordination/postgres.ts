import { openCoordinationSession, type CoordinationSession } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { deliver, MAX_MESSAGE_BYTES, type Topic } from "./pubsub";

// Cross-node coordination on the registry's PostgreSQL: session advisory locks, which the server frees
// when the holding connection ends (a node killed mid-write leaves no lock behind), and LISTEN/NOTIFY.
// A key becomes a lock id by hashtextextended (64 bits); two keys sharing one would only serialise.

const CHANNEL = "myco_coordination";
// A writer that waits longer than this for a project is told the platform is busy; nothing was changed.
const LOCK_WAIT_MS = 120_000;
// Sessions for short locks are kept for reuse; more may be open while that many keys are held at once,
// up to a cap (then a lock waits for a session), so a burst of writes to many projects cannot take all
// of the server's connections. A lock nested in another (a migration's commit) needs a second one.
const MAX_IDLE_SESSIONS = 8;
const MAX_LOCK_SESSIONS = 32;
const RELISTEN_DELAY_MS = 1_000;

type Message = { n: string; t: Topic; d: unknown };

/** A lease: held until release(), or until its connection is lost (then `lost` aborts). */
export type Lease = { release(): Promise<void>; lost: AbortSignal };

export class PostgresCoordination {
  private idle: CoordinationSession[] = [];
  private locking = 0;
  private readonly waitingForSession: (() => void)[] = [];
  private readonly lost = new WeakSet<CoordinationSession>();
  /** The lock each busy session holds, aborted if its connection is lost. */
  private readonly holding = new Map<CoordinationSession, AbortController>();
  private listener: Promise<CoordinationSession> | undefined;
  private quick: Promise<CoordinationSession> | undefined;
  private closed = false;
  constructor(
    private readonly url: string,
    readonly nodeId: string,
    /** Called whenever this node may have missed messages (its listening connection came back). */
    private readonly onResync: () => void = () => undefined,
  ) {}

  private async open(purpose: string): Promise<CoordinationSession> {
    const session = await openCoordinationSession(this.url, `myco ${purpose} ${this.nodeId}`.slice(0, 63), log);
    session.onLost(() => {
      this.lost.add(session);
      this.idle = this.idle.filter((s) => s !== session);
      this.holding.get(session)?.abort();
    });
    try {
      await session.query(`SET lock_timeout = ${LOCK_WAIT_MS}`);
    } catch (err) {
      await session.end();
      throw err;
    }
    return session;
  }

  private async borrow(): Promise<CoordinationSession> {
    return this.idle.pop() ?? (await this.open("lock"));
  }

  private giveBack(session: CoordinationSession): void {
    if (!this.closed && this.idle.length < MAX_IDLE_SESSIONS) this.idle.push(session);
    else void session.end();
  }

  // A waiter for a lock session gives up after the same time as a waiter for the lock itself.
  private async slot(): Promise<void> {
    if (this.locking < MAX_LOCK_SESSIONS) return;
    await new Promise<void>((resolve, reject) => {
      const waiter = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waitingForSession.splice(this.waitingForSession.indexOf(waiter), 1);
        reject(new AppError("unavailable", "The platform is busy with other changes; nothing was saved. Try again in a moment."));
      }, LOCK_WAIT_MS);
      this.waitingForSession.push(waiter);
    });
  }

  /**
   * Runs `fn` while this node holds `key` across every node; waits for the holder to finish. `fn` gets
   * a signal that aborts if the lock is lost with its connection (another node may then take it), and
   * must stop changing anything when it does. A lock taken inside another (`nested`) never waits for a
   * session: the outer one already holds one, and waiting could deadlock the node at the cap.
   */
  async withLock<T>(key: string, nested: boolean, fn: (held: AbortSignal) => Promise<T>): Promise<T> {
    if (!nested) await this.slot();
    this.locking++;
    try {
      return await this.lockOn(key, fn);
    } finally {
      this.locking--;
      if (this.locking < MAX_LOCK_SESSIONS) this.waitingForSession.shift()?.();
    }
  }

  private async lockOn<T>(key: string, fn: (held: AbortSignal) => Promise<T>): Promise<T> {
    const session = await this.borrow();
    try {
      await session.query("SELECT pg_advisory_lock(hashtextextended($1, 0))", [key]);
    } catch (err) {
      void session.end();
      if ((err as { code?: string }).code === "55P03") {
        throw new AppError("unavailable", "This project is busy with another change; nothing was saved. Try again in a moment.");
      }
      throw err;
    }
    const held = new AbortController();
    this.holding.set(session, held);
    if (this.lost.has(session)) held.abort();
    try {
      return await fn(held.signal);
    } finally {
      this.holding.delete(session);
      if (this.lost.has(session)) {
        log.error("coordination.lock_lost", { key, nodeId: this.nodeId });
      } else {
        await session.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [key]).then(
          () => this.giveBack(session),
          () => void session.end(),
        );
      }
    }
  }

  /** Takes all of `keys` if nobody holds any, on a connection of its own held until release(); else null. */
  async tryLease(keys: string[]): Promise<Lease | null> {
    const session = await this.open("lease");
    const controller = new AbortController();
    session.onLost(() => controller.abort());
    try {
      for (const key of keys) {
        const [row] = await session.query<{ ok: boolean }>("SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok", [key]);
        if (!row?.ok) {
          await session.end(); // frees the keys taken so far
          return null;
        }
      }
    } catch (err) {
      await session.end();
      throw err;
    }
    return { release: () => session.end(), lost: controller.signal };
  }

  // One session for every short query (a lease check, a message): pg queues its queries, so a burst of
  // them costs no more connections. Re-opened on next use if it was lost.
  private query(): Promise<CoordinationSession> {
    if (!this.quick) {
      const opening = this.open("query");
      this.quick = opening;
      const forget = () => {
        if (this.quick === opening) this.quick = undefined;
      };
      opening.then((session) => session.onLost(forget), forget);
    }
    return this.quick;
  }

  /** Which of `keys` some node holds as a lease or lock right now (read from pg_locks: taking nothing). */
  async heldOf(keys: string[]): Promise<boolean[]> {
    if (keys.length === 0) return [];
    const session = await this.query();
    const rows = await session.query<{ held: boolean }>(
      `SELECT EXISTS (
         SELECT 1 FROM pg_locks
         WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
           AND classid = ((hashtextextended(key, 0) >> 32) & 4294967295)::oid AND objid = (hashtextextended(key, 0) & 4294967295)::oid AND objsubid = 1
       ) AS held
       FROM unnest($1::text[]) WITH ORDINALITY AS k(key, n) ORDER BY n`,
      [keys],
    );
    return rows.map((row) => row.held);
  }

  /** Sends a message to every other node's subscribers (best effort: a live view, not a record). */
  async publish(topic: Topic, data: unknown): Promise<void> {
    const payload = JSON.stringify({ n: this.nodeId, t: topic, d: data } satisfies Message);
    if (Buffer.byteLength(payload) > MAX_MESSAGE_BYTES) {
      log.warn("coordination.message_too_large", { topic, bytes: Buffer.byteLength(payload) });
      return;
    }
    try {
      await (await this.query()).query("SELECT pg_notify($1, $2)", [CHANNEL, payload]);
    } catch (err) {
      log.warn("coordination.publish_failed", { topic, err: err instanceof Error ? err.message : String(err) });
    }
  }

  /** Starts listening to other nodes (once); messages they publish reach this node's subscribers. */
  listen(): Promise<void> {
    if (!this.listener) {
      const opening = this.openListener();
      this.listener = opening;
      opening.catch(() => {
        if (this.listener === opening) this.listener = undefined;
      });
    }
    return this.listener.then(() => undefined);
  }

  private async openListener(): Promise<CoordinationSession> {
    const session = await this.open("listen");
    session.onNotification((_channel, payload) => this.receive(payload));
    session.onLost(() => {
      this.listener = undefined;
      this.relisten();
    });
    await session.query(`LISTEN ${CHANNEL}`);
    return session;
  }

  // Until the listening connection is back, this node misses other nodes' messages; once it is, whoever
  // caches what those messages would have invalidated starts afresh.
  private relisten(): void {
    setTimeout(() => {
      if (this.closed) return;
      this.listen().then(
        () => this.onResync(),
        () => this.relisten(),
      );
    }, RELISTEN_DELAY_MS).unref();
  }

  private receive(payload: string): void {
    let message: Message;
    try {
      message = JSON.parse(payload) as Message;
    } catch {
      return;
    }
    if (message.n !== this.nodeId) deliver(message.t, message.d, "remote");
  }

  async close(): Promise<void> {
    this.closed = true;
    const [listener, quick] = await Promise.all([this.listener?.catch(() => undefined), this.quick?.catch(() => undefined)]);
    await Promise.all([...this.idle.splice(0).map((s) => s.end()), listener?.end(), quick?.end()]);
  }
}
