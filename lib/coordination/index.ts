// Cross-node coordination, the one place that knows whether Myco runs as one node or several: locks
// (withSharedLock), leases held for a while (tryLease), and pub/sub between nodes (publish, subscribe).
// With DATABASE_URL, on the registry's PostgreSQL (advisory locks, LISTEN/NOTIFY); with the embedded
// PGlite, which one process owns, in-process. docs/operations.md lists what goes through here and what
// is node-local by design.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomBytes } from "node:crypto";
import os from "node:os";
import { getConfig, processWide } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { withLocalLock } from "./local-lock";
import { PostgresCoordination, type Lease } from "./postgres";
import { deliver, subscribeLocal, type Handler, type Topic } from "./pubsub";

export { withLocalLock, type Lease, type Topic, type Handler };
export type { Origin } from "./pubsub";

/** This process among the nodes: host, pid and a random part (a restarted node is a new one). */
export const nodeId = processWide("coordination.nodeId", () => `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`);

/** The PostgreSQL coordinator when nodes may share the platform, null on the embedded default (read on first use). */
function sharedBackend(): PostgresCoordination | null {
  return processWide("coordination.backend", () => {
    const url = getConfig().databaseUrl;
    return { backend: url ? new PostgresCoordination(url, nodeId, () => resyncHandlers.forEach((handler) => handler())) : null };
  }).backend;
}

const resyncHandlers = processWide("coordination.resync", () => new Set<() => void>());

const localLeases = processWide("coordination.localLeases", () => new Set<string>());

/** "postgres" when nodes coordinate through the registry database, "local" for the embedded default. */
export function coordinationKind(): "postgres" | "local" {
  return sharedBackend() ? "postgres" : "local";
}

/**
 * Runs `fn` while no other call with this key runs on any node: what several nodes write on shared
 * storage (a project's git repository, its releases) is serialised here. Callers on one node queue in
 * the process first, so a node waits on the database with one connection per key.
 */
export function withSharedLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const backend = sharedBackend();
  if (!backend) return withLocalLock(key, fn);
  const outer = heldLocks.getStore() ?? [];
  return withLocalLock(key, () => backend.withLock(key, outer.length > 0, (held) => heldLocks.run([...outer, held], fn)));
}

// The shared locks the running code holds, each as a signal that aborts if the lock is lost.
const heldLocks = processWide("coordination.heldLocks", () => new AsyncLocalStorage<AbortSignal[]>());

/** Whether a shared lock this code runs under was lost with its connection (another node may hold it now). */
export function lockLost(): boolean {
  return heldLocks.getStore()?.some((signal) => signal.aborted) ?? false;
}

/**
 * Throws unavailable if a shared lock this code runs under was lost: called before each change to what
 * the lock guards, so a writer that lost it stops instead of writing beside the next holder.
 */
export function assertLockHeld(): void {
  if (lockLost()) {
    throw new AppError("unavailable", "The connection that held this project's lock dropped; nothing more was saved. Try again in a moment.");
  }
}

/**
 * Takes every one of `keys` until release() if no node holds any of them; null (taking none) when one
 * does. On several nodes the lease ends with its connection: `lost` aborts if that happens first.
 */
export async function tryLease(keys: string[]): Promise<Lease | null> {
  const shared = sharedBackend();
  if (shared) return shared.tryLease(keys);
  if (keys.some((key) => localLeases.has(key))) return null;
  for (const key of keys) localLeases.add(key);
  return { release: async () => keys.forEach((key) => localLeases.delete(key)), lost: new AbortController().signal };
}

/** Whether some node (this one included) holds `key` as a lease. */
export async function isLeaseHeld(key: string): Promise<boolean> {
  const [held] = await leasesHeld([key]);
  return held ?? false;
}

/** For each of `keys`, whether some node holds it as a lease (one question to the database for all). */
export async function leasesHeld(keys: string[]): Promise<boolean[]> {
  const shared = sharedBackend();
  return shared ? shared.heldOf(keys) : keys.map((key) => localLeases.has(key));
}

/**
 * Tells every node's subscribers of `topic`, this node's at once and synchronously; other nodes' a few
 * milliseconds later, best effort (a live view, never the record: a node that was cut off misses it).
 */
export function publish(topic: Topic, data: unknown): void {
  deliver(topic, data, "local");
  void sharedBackend()?.publish(topic, data);
}

/**
 * Calls `handler` with every message on `topic` from any node until the returned function is called
 * (other nodes' once this node listens: start-up calls listen()).
 */
export function subscribe(topic: Topic, handler: Handler): () => void {
  return subscribeLocal(topic, handler);
}

/**
 * A per-node cache's invalidation, made cluster-wide: the returned forget(key) runs `drop(key)` on
 * every node (this one at once). Caches that only expire (a few seconds) need none of this.
 */
export function forgetEverywhere(cache: string, drop: (key: string) => void): (key: string) => void {
  subscribe("cache.forget", (data) => {
    const message = data as { cache: string; key: string };
    if (message.cache === cache) drop(message.key);
  });
  return (key) => publish("cache.forget", { cache, key });
}

/** Calls `handler` whenever this node may have missed other nodes' messages (a cache should start afresh). */
export function onResync(handler: () => void): () => void {
  resyncHandlers.add(handler);
  return () => resyncHandlers.delete(handler);
}

/** Starts hearing other nodes (start-up calls it, so caches hear of changes before anyone subscribes). */
export async function listen(): Promise<void> {
  await sharedBackend()?.listen().catch((err: unknown) => {
    log.error("coordination.listen_failed", { nodeId }, err);
    throw err;
  });
}

/** Ends this node's coordination connections (their locks and leases with them). */
export async function closeCoordination(): Promise<void> {
  await sharedBackend()?.close();
}
