import { EventEmitter } from "node:events";
import { processWide } from "@/lib/config";
import { log } from "@/lib/log";

/** What nodes tell each other; each topic's data is JSON of at most MAX_MESSAGE_BYTES once wrapped. */
export type Topic = "workspace.head" | "workspace.commit" | "bundler.component" | "functions.invocation" | "agent.preview_error" | "agent.run_stop" | "agent.run_event" | "agent.run_watch" | "agent.run_replay" | "cache.forget";

/** Where a message came from: this node, or another through the shared channel. */
export type Origin = "local" | "remote";

export type Handler = (data: unknown, origin: Origin) => void;

/** PostgreSQL's NOTIFY payload limit is 8000 bytes; the wrapper takes a little of it. */
export const MAX_MESSAGE_BYTES = 7_800;

const local = processWide("coordination.bus", () => new EventEmitter().setMaxListeners(0));

/**
 * Calls `handler` for each message on `topic`, from any node, until the returned function is called. A
 * handler that throws is logged: it must not fail the publisher, nor keep the message from the others.
 */
export function subscribeLocal(topic: Topic, handler: Handler): () => void {
  const guarded: Handler = (data, origin) => {
    try {
      handler(data, origin);
    } catch (err) {
      log.error("coordination.handler_failed", { topic, origin }, err);
    }
  };
  local.on(topic, guarded);
  return () => local.off(topic, guarded);
}

/** Hands a message to this node's subscribers (synchronously: a publisher's own node sees it at once). */
export function deliver(topic: Topic, data: unknown, origin: Origin): void {
  local.emit(topic, data, origin);
}
