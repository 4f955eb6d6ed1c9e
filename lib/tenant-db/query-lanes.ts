// Per-tenant lanes for tenant SQL. Each tenant (project) has its own FIFO lane and, while it has
// work, its own runner process (query-runner.mjs) running one call at a time: one tenant's slow
// query never waits in front of another tenant's. The number of runners is capped for the server;
// at the cap, a lane that needs one waits its turn (oldest waiting first), and a lane that finishes
// a call while others wait gives its runner up (round-robin). A call's deadline starts when it is
// sent, a caller that gives up (AbortSignal) takes its call out of the queue or has the runner
// killed, and a tenant busy beyond its CPU share runs at low priority.
import { AppError } from "@/lib/errors";
import { log, type LogFields } from "@/lib/log";
import {
  dropRunner,
  idleRunnerLane,
  isIdle,
  isOverShare,
  laneFor,
  laneLimits,
  lanes,
  leaveSlotQueue,
  runnerCount,
  slotQueue,
  type Active,
  type Job,
  type Lane,
} from "./lane-registry";
import { QueryRunner, type RunnerMessage } from "./query-runner-process";
import type { RunnerReply, RunnerRequest } from "./runner-protocol";

let lastId = 0;

function cancelled(): AppError {
  return new AppError("unavailable", "The query was cancelled: its caller gave up.");
}

/** Over its CPU share: the tenant's runner yields the CPU to everyone else's until the share frees up. */
function lowerPriority(lane: Lane): void {
  if (!lane.runner || lane.runner.isLowered) return;
  lane.runner.lowerPriority();
  log.info("tenant_db.lane.over_share", { projectId: lane.key });
}

function spawnRunner(lane: Lane): void {
  lane.runner = new QueryRunner({
    reply: (from, message) => onReply(lane, from, message),
    exit: (from, code, signal) => onExit(lane, from, code, signal),
  });
  if (isOverShare(lane)) lowerPriority(lane);
}

/** Frees a slot by killing the least recently used idle runner; false when every runner is busy. */
function evictIdleRunner(): boolean {
  const idle = idleRunnerLane();
  if (idle) dropRunner(idle);
  return idle !== undefined;
}

const hasFreeSlot = (): boolean => runnerCount() < laneLimits().maxRunners || evictIdleRunner();

const needsRunner = (lane: Lane): boolean => !lane.runner && !lane.active && lane.waiting.length > 0;

/** Hands free runner slots to the lanes that have waited longest for one. */
function grantSlots(): void {
  for (;;) {
    // A lane whose callers all gave up meanwhile no longer needs its turn.
    while (slotQueue[0] && !needsRunner(slotQueue[0])) slotQueue.shift();
    const lane = slotQueue[0];
    if (!lane || !hasFreeSlot()) return;
    slotQueue.shift();
    spawnRunner(lane);
    pump(lane);
  }
}

/** Gives the lane a runner, or queues it for one behind the lanes already waiting. */
function claimRunner(lane: Lane): boolean {
  if (lane.runner) return true;
  if (slotQueue.length === 0 && hasFreeSlot()) {
    spawnRunner(lane);
    return true;
  }
  if (!slotQueue.includes(lane)) slotQueue.push(lane);
  return false;
}

/** Starts the lane's next call if it has none running. */
function pump(lane: Lane): void {
  if (lane.active || lane.waiting.length === 0) return;
  // Under its share again: normal priority, or a fresh runner where lowering nice is not permitted.
  if (lane.runner?.isLowered && !isOverShare(lane) && !lane.runner.restorePriority()) dropRunner(lane);
  if (!claimRunner(lane)) return;
  const job = lane.waiting.shift();
  if (job) void start(lane, job);
}

async function start(lane: Lane, job: Job): Promise<void> {
  lastId += 1;
  const active: Active = { id: lastId, job, sent: false };
  lane.active = active;
  const runner = lane.runner;
  try {
    if (!runner) throw new Error("The lane has no query runner.");
    runner.setBusy(true);
    await runner.ready;
  } catch (err) {
    // A runner that cannot start is a platform fault, not the query's: a plain Error (500).
    if (lane.runner === runner) dropRunner(lane);
    finish(lane, active.id, { error: err instanceof Error ? err : new Error("The query runner did not start.") });
    return;
  }
  if (lane.active !== active || lane.runner !== runner) return; // cancelled while the runner started
  send(lane, runner, active);
}

function send(lane: Lane, runner: QueryRunner, active: Active): void {
  const now = Date.now();
  active.sent = true;
  lane.busy.begin(now);
  active.timer = setTimeout(() => onDeadline(lane, active.id), active.job.timeoutMs);
  if (!runner.isLowered) {
    const leftMs = Math.max(0, laneLimits().shareMs - lane.busy.busyMs(now));
    active.shareTimer = setTimeout(() => lane.active === active && lowerPriority(lane), leftMs);
    active.shareTimer.unref();
  }
  runner.send(active.id, active.job.request, (err) => {
    if (lane.runner === runner) dropRunner(lane);
    finish(lane, active.id, { error: err });
  });
}

/** Settles the running call once (a reply, the deadline, an exit and an abort may race) and moves on. */
function finish(lane: Lane, id: number, outcome: { reply: RunnerReply } | { error: Error }, cpuMs?: number): void {
  const active = lane.active;
  if (active?.id !== id) return;
  clearTimeout(active.timer);
  clearTimeout(active.shareTimer);
  if (active.sent) lane.busy.end(Date.now(), cpuMs);
  lane.active = undefined;
  lane.lastUsedAt = Date.now();
  lane.runner?.setBusy(false);
  active.job.settle(outcome);
  setImmediate(() => next(lane));
}

function next(lane: Lane): void {
  // Others wait for a runner slot: this lane gives its runner up and queues again for its next call.
  if (slotQueue.length > 0 && lane.runner && !lane.active) dropRunner(lane);
  grantSlots();
  pump(lane);
  if (isIdle(lane)) scheduleReap(lane);
}

function scheduleReap(lane: Lane): void {
  clearTimeout(lane.idleTimer);
  lane.idleTimer = setTimeout(() => {
    if (!isIdle(lane) || lanes.get(lane.key) !== lane) return;
    dropRunner(lane);
    // The share history outlives the runner, so a respawn does not reset a tenant's priority.
    if (lane.busy.isEmpty(Date.now())) lanes.delete(lane.key);
    else scheduleReap(lane);
  }, laneLimits().runnerIdleMs);
  lane.idleTimer.unref();
}

function onReply(lane: Lane, runner: QueryRunner, message: RunnerMessage): void {
  if (lane.runner !== runner || message.id === undefined) return;
  const { id, cpuMs, ...reply } = message;
  finish(lane, id, { reply }, cpuMs);
}

function onExit(lane: Lane, runner: QueryRunner, code: number | null, signal: NodeJS.Signals | null): void {
  if (lane.runner !== runner) return; // a runner the lane let go (deadline, abort, idle, yielded)
  lane.runner = undefined;
  log.warn("tenant_db.runner.exited", { ...lane.active?.job.fields, code, signal });
  // A call still waiting for the runner to start is failed by start(); a sent one died with it.
  if (lane.active?.sent) {
    finish(lane, lane.active.id, { reply: { ok: false, kind: "stopped", message: "The query runner stopped while running this query." } });
  } else {
    grantSlots();
  }
}

function onDeadline(lane: Lane, id: number): void {
  const job = lane.active?.job;
  if (!job || lane.active?.id !== id) return;
  dropRunner(lane);
  log.warn("tenant_db.query.timeout", { ...job.fields, timeoutMs: job.timeoutMs });
  finish(lane, id, { reply: { ok: false, kind: "timeout", message: `exceeded the ${job.timeoutMs} ms time limit and was stopped` } });
}

/** The caller gave up: a waiting call leaves the queue; a running one has its runner killed. */
function abandon(lane: Lane, job: Job): void {
  const index = lane.waiting.indexOf(job);
  if (index >= 0) {
    lane.waiting.splice(index, 1);
    job.settle({ error: cancelled() });
    if (isIdle(lane)) {
      leaveSlotQueue(lane);
      scheduleReap(lane);
    }
  } else if (lane.active?.job === job) {
    dropRunner(lane);
    log.info("tenant_db.query.cancelled", { ...job.fields });
    finish(lane, lane.active.id, { error: cancelled() });
  }
}

/**
 * Runs one call in `tenantKey`'s lane. Resolves with the runner's reply, a `timeout` failure after
 * `timeoutMs` (counted from when it is sent) or a `stopped` one when the runner died; rejects with
 * rate_limited when the lane is full, and with unavailable when `signal` aborts first.
 */
export function runInLane(tenantKey: string, request: RunnerRequest, timeoutMs: number, fields: LogFields, signal?: AbortSignal): Promise<RunnerReply> {
  if (signal?.aborted) return Promise.reject(cancelled());
  const lane = laneFor(tenantKey);
  if (lane.waiting.length >= laneLimits().queuePerTenant) {
    if (isIdle(lane)) scheduleReap(lane);
    const message = "Too many queries of this project are waiting; try again shortly.";
    return Promise.reject(new AppError("rate_limited", message, undefined, { retryAfterSeconds: 1 }));
  }
  return new Promise((resolve, reject) => {
    const onAbort = () => abandon(lane, job);
    const job: Job = {
      request,
      timeoutMs,
      fields,
      settle: (outcome) => {
        signal?.removeEventListener("abort", onAbort);
        if ("reply" in outcome) resolve(outcome.reply);
        else reject(outcome.error);
      },
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    lane.waiting.push(job);
    pump(lane);
  });
}

/** Kills the tenant's runner and fails its running and waiting calls with unavailable. */
export function stopLane(tenantKey: string): void {
  const lane = lanes.get(tenantKey);
  if (!lane) return;
  lanes.delete(tenantKey);
  leaveSlotQueue(lane);
  clearTimeout(lane.idleTimer);
  dropRunner(lane);
  const stopped = new AppError("unavailable", "The query runner was shut down.");
  for (const job of lane.waiting.splice(0)) job.settle({ error: stopped });
  if (lane.active) finish(lane, lane.active.id, { error: stopped });
}

/** Stops every lane (shutdown, tests); the next call spawns again. */
export function stopLanes(): void {
  for (const key of [...lanes.keys()]) stopLane(key);
}
