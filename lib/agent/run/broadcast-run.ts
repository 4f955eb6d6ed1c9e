// The driving node's side of watching a run (watch-run.ts is the watcher's): it keeps what the run
// streamed so far (consecutive text joined, at most KEPT_BYTES) and publishes each new event through
// lib/coordination, text in batches; a watcher on another node asks for what was kept (`agent.run_watch`)
// and gets it as `agent.run_replay` messages. Each message fits what nodes may send each other.
import { processWide } from "@/lib/config";
import { publish, subscribe } from "@/lib/coordination";

/** One event of a run's stream, as the builder page reads it (the starter's stream and a watcher's alike). */
export type RunStreamEvent = { event: string; data: unknown };

/** One published event of a run; `seq` counts the run's published events from 1. */
export type Kept = { seq: number; event: string; data: unknown };
export type EventMessage = Kept & { projectId: string; runId: string };
export type WatchMessage = { runId: string; watchId: string };
export type ReplayMessage = { runId: string; projectId: string; watchId: string; part: number; parts: number; upTo: number; items: Kept[] };

type Text = { delta: string };
type Driven = { projectId: string; items: Kept[]; bytes: number; seq: number };

/** Room for one event in a message between nodes (their limit is 7,800 bytes with the wrapper). */
const EVENT_BYTES = 6_000;
/** What the driving node keeps of one run for watchers who join late; the oldest events go first. */
const KEPT_BYTES = 256 * 1024;
/** Text deltas are sent together at most this often (a model streams tens of tokens a second). */
const TEXT_FLUSH_MS = 100;
/** Lists cut to this many entries (a run's changed files) and fields kept when nothing else fits. */
const MAX_LIST = 50;
const SMALL_FIELD_BYTES = 200;
/** The fields of an event that may be cut, longest stories first: a tool's arguments and result. */
const CUTTABLE = ["arguments", "result", "delta", "summary"];

/** The runs this node drives, by id. */
export const driven = processWide("agent.drivenRuns", () => new Map<string, Driven>());

const bytesOf = (value: unknown): number => Buffer.byteLength(JSON.stringify(value) ?? "");

/** The longest start of `text` whose JSON takes at most `bytes` (at least one character; no half of a pair). */
function takeBytes(text: string, bytes: number): string {
  let [low, high] = [1, text.length];
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (bytesOf(text.slice(0, mid)) <= bytes) low = mid;
    else high = mid - 1;
  }
  const code = text.charCodeAt(low - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? low + 1 : low);
}

/**
 * The event's data made to fit one message: lists cut to MAX_LIST, then its long text fields cut, with
 * `truncated: true`; failing that, only its small fields. Watchers see the gist; the stored transcript
 * has all of it.
 */
export function fit(data: unknown): unknown {
  if (typeof data !== "object" || data === null || Array.isArray(data) || bytesOf(data) <= EVENT_BYTES) return data;
  const out: Record<string, unknown> = { ...data, truncated: true };
  for (const [key, value] of Object.entries(out)) if (Array.isArray(value) && value.length > MAX_LIST) out[key] = value.slice(0, MAX_LIST);
  for (const key of CUTTABLE) {
    const value = out[key];
    const excess = bytesOf(out) - EVENT_BYTES;
    if (excess <= 0) break;
    if (typeof value === "string") out[key] = `${takeBytes(value, Math.max(2, bytesOf(value) - excess - 16))}…`;
  }
  return bytesOf(out) <= EVENT_BYTES ? out : Object.fromEntries(Object.entries(out).filter(([, value]) => bytesOf(value) <= SMALL_FIELD_BYTES));
}

function keep(run: Driven, item: Kept): void {
  const last = run.items.at(-1);
  if (item.event === "text" && last?.event === "text") {
    run.bytes -= bytesOf(last);
    last.data = { delta: (last.data as Text).delta + (item.data as Text).delta };
    last.seq = item.seq;
    run.bytes += bytesOf(last);
  } else {
    run.items.push(item);
    run.bytes += bytesOf(item);
  }
  while (run.bytes > KEPT_BYTES && run.items.length > 1) run.bytes -= bytesOf(run.items.shift());
  const only = run.items[0];
  if (run.bytes > KEPT_BYTES && only?.event === "text") {
    // One endless text: its end is what a watcher joining now needs.
    // (A character takes at most 12 bytes of JSON, a pair of escaped halves.)
    only.data = { delta: (only.data as Text).delta.slice(-KEPT_BYTES / 12) };
    run.bytes = bytesOf(only);
  }
}

/** Kept events as messages of at most EVENT_BYTES (a long text as several text events); one, empty, for none. */
function pack(items: Kept[]): Kept[][] {
  const parts: Kept[][] = [];
  let part: Kept[] = [];
  let size = 0;
  const add = (item: Kept) => {
    const bytes = bytesOf(item);
    if (part.length > 0 && size + bytes > EVENT_BYTES) {
      parts.push(part);
      [part, size] = [[], 0];
    }
    part.push(item);
    size += bytes;
  };
  for (const item of items) {
    if (item.event !== "text") add({ ...item, data: fit(item.data) });
    else for (const piece of pieces((item.data as Text).delta)) add({ ...item, data: { delta: piece } });
  }
  return [...parts, part];
}

/** A text as pieces that each fit one event. */
function pieces(text: string): string[] {
  const out: string[] = [];
  for (let rest = text; rest.length > 0; rest = rest.slice(out.at(-1)?.length ?? rest.length)) out.push(takeBytes(rest, EVENT_BYTES - 100));
  return out;
}

// Once per process, however many copies of this module the server's layers load.
processWide("agent.runWatchAnswer", () =>
  subscribe("agent.run_watch", (data, origin) => {
    const { runId, watchId } = data as WatchMessage;
    const run = driven.get(runId);
    // A watcher on this node reads `driven` itself; one elsewhere gets the replay.
    if (!run || origin === "local") return;
    const parts = pack(run.items);
    parts.forEach((items, part) => publish("agent.run_replay", { runId, projectId: run.projectId, watchId, part, parts: parts.length, upTo: run.seq, items } satisfies ReplayMessage));
  }),
);

/**
 * Starts keeping and publishing a run's events: `push` each event of its stream (the opening `run`
 * event is left out: watchers make it from the record), `close` when the stream has ended.
 */
export function broadcastRun(projectId: string, runId: string): { push(event: RunStreamEvent): void; close(): void } {
  const run: Driven = { projectId, items: [], bytes: 0, seq: 0 };
  driven.set(runId, run);
  let text = "";
  let timer: NodeJS.Timeout | undefined;
  const send = (event: string, data: unknown) => {
    run.seq += 1;
    const item: Kept = { seq: run.seq, event, data: fit(data) };
    keep(run, item);
    publish("agent.run_event", { ...item, projectId, runId } satisfies EventMessage);
  };
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    for (const piece of pieces(text)) send("text", { delta: piece });
    text = "";
  };
  return {
    push({ event, data }) {
      if (event === "run") return;
      if (event !== "text") {
        flush();
        return send(event, data);
      }
      text += (data as Text).delta;
      timer ??= setTimeout(flush, TEXT_FLUSH_MS);
    },
    close() {
      flush();
      driven.delete(runId);
    },
  };
}
