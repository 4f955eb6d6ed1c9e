// The lanes of tenant SQL (query-lanes.ts moves calls through them): one per tenant with work or
// recent history, the queue of lanes waiting for a runner slot, and what operations can see of both.
import { getConfig } from "@/lib/config";
import { metrics, type LogFields } from "@/lib/log";
import { BUSY_WINDOW_MS, BusyWindow } from "./busy-window";
import type { QueryRunner } from "./query-runner-process";
import type { RunnerReply, RunnerRequest } from "./runner-protocol";

/** One call waiting or running in a lane; `settle` answers its caller once. */
export type Job = {
  request: RunnerRequest;
  timeoutMs: number;
  fields: LogFields;
  settle(outcome: { reply: RunnerReply } | { error: Error }): void;
};

/** The lane's current call: `sent` once the runner has it (its deadline and busy time run from then). */
export type Active = { id: number; job: Job; sent: boolean; timer?: NodeJS.Timeout; shareTimer?: NodeJS.Timeout };

/** One tenant's FIFO of calls, its runner (while it has one) and its recent busy time. */
export type Lane = {
  key: string;
  waiting: Job[];
  active?: Active;
  runner?: QueryRunner;
  busy: BusyWindow;
  lastUsedAt: number;
  idleTimer?: NodeJS.Timeout;
};

/** Lanes by tenant key (the project id). */
export const lanes = new Map<string, Lane>();
/** Lanes with waiting calls and no runner, at the cap: served oldest first as runners are freed. */
export const slotQueue: Lane[] = [];

/** Takes the lane out of the queue for a runner slot (it has nothing left to run, or is stopped). */
export function leaveSlotQueue(lane: Lane): void {
  const index = slotQueue.indexOf(lane);
  if (index >= 0) slotQueue.splice(index, 1);
}

/** The configured limits, with the CPU share in milliseconds of the busy window. */
export function laneLimits(): { maxRunners: number; queuePerTenant: number; runnerIdleMs: number; shareMs: number } {
  const { maxRunners, queuePerTenant, cpuSharePercent, runnerIdleMs } = getConfig().tenantDb;
  return { maxRunners, queuePerTenant, runnerIdleMs, shareMs: (BUSY_WINDOW_MS * cpuSharePercent) / 100 };
}

/** The tenant's lane, made on first use; a lane in use is not reaped. */
export function laneFor(key: string): Lane {
  let lane = lanes.get(key);
  if (!lane) {
    lane = { key, waiting: [], busy: new BusyWindow(), lastUsedAt: Date.now() };
    lanes.set(key, lane);
  }
  clearTimeout(lane.idleTimer);
  return lane;
}

/** Runner processes alive (a killed one stops counting at once: its slot is free). */
export const runnerCount = (): number => [...lanes.values()].filter((lane) => lane.runner).length;
metrics.gaugeSource("tenantDbRunners", runnerCount);
export const isIdle = (lane: Lane): boolean => !lane.active && lane.waiting.length === 0;
export const isOverShare = (lane: Lane): boolean => lane.busy.busyMs(Date.now()) > laneLimits().shareMs;

/** Lets the lane's runner go: SIGKILLed, and whatever it still says is ignored. */
export function dropRunner(lane: Lane): void {
  const runner = lane.runner;
  lane.runner = undefined;
  runner?.kill();
}

/** The least recently used idle lane that holds a runner, which may be evicted for another lane. */
export function idleRunnerLane(): Lane | undefined {
  let oldest: Lane | undefined;
  for (const lane of lanes.values()) {
    if (lane.runner && isIdle(lane) && (!oldest || lane.lastUsedAt < oldest.lastUsedAt)) oldest = lane;
  }
  return oldest;
}

/** One lane as operations (and tests) see it. */
export type LaneStats = { tenantKey: string; running: boolean; waiting: number; lowPriority: boolean; pid: number | undefined };

/** Live runner processes, lanes waiting for one, and each lane's running call, queue, priority and runner pid. */
export function queryLaneStats(): { runners: number; waitingForRunner: number; lanes: LaneStats[] } {
  return {
    runners: runnerCount(),
    waitingForRunner: slotQueue.length,
    lanes: [...lanes.values()].map((lane) => ({
      tenantKey: lane.key,
      running: lane.active?.sent === true,
      waiting: lane.waiting.length,
      lowPriority: lane.runner?.isLowered === true,
      pid: lane.runner?.pid,
    })),
  };
}
