// Watching a run from anywhere but the stream that started it (another tab, another person, another
// node): what the run streamed so far, from the node driving it (broadcast-run.ts), then its events as
// they are published, until `done`. The record of a run stays the database: a run that has ended, or
// whose node stopped, answers with its recorded outcome.
import { randomUUID } from "node:crypto";
import type { ProjectScope } from "@/lib/auth";
import { processWide } from "@/lib/config";
import { publish, subscribe } from "@/lib/coordination";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { enforceRateLimit } from "@/lib/security";
import { runsActive } from "./active-runs";
import { driven, type EventMessage, type Kept, type ReplayMessage, type RunStreamEvent, type WatchMessage } from "./broadcast-run";
import { createChannel } from "./event-channel";
import { RUN_SELECT, toRunView, type RunView } from "./run-view";

/** How long a watcher waits for the driving node's replay before following without it. */
const REPLAY_WAIT_MS = 3_000;
/** How often a watcher checks the record (the run's node may have stopped before its `done` got here). */
const LIVENESS_MS = 5_000;
/** After the record says the run ended, how long its last events get to arrive from the driving node. */
const SETTLE_MS = 1_000;

type Follower = { projectId: string; onEvent(item: Kept): void };

// One subscription per process for all watchers, each found by its run (events) or its watch (replays).
const followers = processWide("agent.runFollowers", () => new Map<string, Set<Follower>>());
const replays = processWide("agent.runReplays", () => new Map<string, (message: ReplayMessage) => void>());
processWide("agent.runWatchSubscriptions", () => [
  subscribe("agent.run_event", (data) => {
    const { runId, projectId, seq, event, data: payload } = data as EventMessage;
    for (const follower of followers.get(runId) ?? []) if (follower.projectId === projectId) follower.onEvent({ seq, event, data: payload });
  }),
  subscribe("agent.run_replay", (data) => replays.get((data as ReplayMessage).watchId)?.(data as ReplayMessage)),
]);

const opening = (view: RunView): RunStreamEvent => ({
  event: "run",
  data: { id: view.id, prompt: view.prompt, provider: view.provider, model: view.model, baseSha: view.baseSha, startedAt: view.startedAt, watching: true },
});

const outcome = (view: RunView): RunStreamEvent => ({
  event: "done",
  data: { reason: view.reason ?? "error", summary: view.summary ?? "", commitSha: view.commitSha, filesChanged: view.filesChanged, usage: view.usage },
});

/** The run as recorded (without its messages), a `running` one whose node stopped shown as interrupted. */
async function currentView(projectId: string, runId: string): Promise<RunView | null> {
  const select = { ...RUN_SELECT, messages: { ...RUN_SELECT.messages, take: 0 } };
  const row = await (await getDb()).agentRun.findFirst({ where: { id: runId, projectId }, select });
  if (!row) return null;
  const [active] = row.status === "running" ? await runsActive([row]) : [false];
  return toRunView(row, active ?? false);
}

/** Registers `follower` for the run's events until the returned function is called. */
function addFollower(runId: string, follower: Follower): () => void {
  const set = followers.get(runId) ?? new Set<Follower>();
  followers.set(runId, set);
  set.add(follower);
  return () => {
    set.delete(follower);
    if (set.size === 0 && followers.get(runId) === set) followers.delete(runId);
  };
}

/** Follows a running run: the replay (or, after REPLAY_WAIT_MS, none), then live events, until `done` or the record's end. */
async function* follow(scope: ProjectScope, view: RunView, signal: AbortSignal): AsyncGenerator<RunStreamEvent> {
  const out = createChannel<RunStreamEvent>();
  const pending: Kept[] = [];
  let last = -1; // the newest seq streamed; -1 while the replay is awaited
  const emit = (item: Kept) => {
    if (item.seq <= last) return;
    last = item.seq;
    out.push({ event: item.event, data: item.data });
    if (item.event === "done") out.close();
  };
  const startLive = (items: Kept[], upTo: number) => {
    if (last >= 0) return;
    // The replay's pieces share their seq (a long text in several events): all of them, in order.
    for (const item of items) out.push({ event: item.event, data: item.data });
    if (items.some((item) => item.event === "done")) out.close();
    last = upTo;
    pending.splice(0).forEach(emit);
  };
  const watchId = randomUUID();
  const parts = new Map<number, Kept[]>();
  const cleanups = [
    addFollower(view.id, { projectId: scope.projectId, onEvent: (item) => (last < 0 ? pending.push(item) : emit(item)) }),
    () => replays.delete(watchId),
    watchLiveness(scope, view, (ended) => out.push(outcome(ended)), () => out.close()),
  ];
  replays.set(watchId, (message) => {
    if (message.runId !== view.id || message.projectId !== scope.projectId) return;
    parts.set(message.part, message.items);
    if (parts.size === message.parts) startLive([...parts.entries()].sort(([a], [b]) => a - b).flatMap(([, items]) => items), message.upTo);
  });
  const waiting = setTimeout(() => startLive([], 0), REPLAY_WAIT_MS);
  const onAbort = () => out.close();
  signal.addEventListener("abort", onAbort, { once: true });
  try {
    const here = driven.get(view.id);
    if (here) startLive(here.items, here.seq);
    else publish("agent.run_watch", { runId: view.id, watchId } satisfies WatchMessage);
    if (signal.aborted) out.close();
    yield* out;
  } finally {
    clearTimeout(waiting);
    signal.removeEventListener("abort", onAbort);
    cleanups.forEach((cleanup) => cleanup());
  }
}

/**
 * Checks the record every LIVENESS_MS: once the run has ended there (its `done` lost with its node, or
 * never published), `onEnded` gets the recorded outcome SETTLE_MS later, then `close`. Returns the stop.
 */
function watchLiveness(scope: ProjectScope, view: RunView, onEnded: (ended: RunView) => void, close: () => void): () => void {
  let settle: NodeJS.Timeout | undefined;
  const check = async () => {
    const now = await currentView(scope.projectId, view.id).catch(() => null);
    if (!now || now.status === "running" || settle) return;
    settle = setTimeout(() => {
      onEnded(now);
      close();
    }, SETTLE_MS);
  };
  const timer = setInterval(() => void check(), LIVENESS_MS);
  return () => {
    clearInterval(timer);
    clearTimeout(settle);
  };
}

/**
 * A run's events as they happen, from whichever node drives it: `run` (from the record, with
 * `watching: true`), what the run streamed so far, then its events until `done`; a run that has ended
 * answers `run` and `done` from its record. Not found unless the run is the project's. Nothing is
 * followed until the stream is read.
 */
export async function watchAgentRun(scope: ProjectScope, runId: string, signal: AbortSignal): Promise<AsyncIterable<RunStreamEvent>> {
  await enforceRateLimit({ name: "run watches", limit: 30, windowSeconds: 60 }, scope.userId);
  const view = await currentView(scope.projectId, runId);
  if (!view) throw new AppError("not_found", "This project has no such run.", "runId");
  return (async function* () {
    yield opening(view);
    if (view.status === "running") yield* follow(scope, view, signal);
    else yield outcome(view);
  })();
}
