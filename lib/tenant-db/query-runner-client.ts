// Supervises the one warm query runner (query-runner.mjs). Queries run one at a time, in arrival
// order; a query's deadline starts when it is sent, so waiting behind another never eats into it.
// At the deadline the runner is SIGKILLed (nothing else can stop a running SQLite query) and the
// next query spawns a fresh one.
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { AppError } from "@/lib/errors";
import { log, type LogFields } from "@/lib/log";
import type { CellValue } from "./cell-values";

/** One query for the runner; `file` is a tenant database path made from a TenantScope. */
export type RunnerRequest = {
  /** "read" opens the file read-only; "write" runs one data change within `maxPages`. */
  mode: "read" | "write";
  file: string;
  sql: string;
  params: (string | number | null)[];
  limit: number;
  maxBytes: number;
  maxPages?: number;
};

/** What the runner answered. */
export type RunnerReply =
  | {
      ok: true;
      result: { columns: string[]; rows: CellValue[][]; truncated: boolean; durationMs: number; changes?: number; lastInsertRowid?: CellValue };
    }
  | { ok: false; kind: "sqlite" | "not_reader" | "too_large" | "full" | "internal"; message: string };

type Job = {
  request: RunnerRequest;
  timeoutMs: number;
  fields: LogFields;
  resolve: (reply: RunnerReply) => void;
  reject: (err: Error) => void;
};
type Runner = { child: ChildProcess; ready: Promise<void> };

const MAX_WAITING_QUERIES = 64;
const SPAWN_TIMEOUT_MS = 10_000;

let runner: Runner | undefined;
let active: { id: number; job: Job; timer?: NodeJS.Timeout } | undefined;
const waiting: Job[] = [];
let lastId = 0;

function spawnRunner(): Runner {
  // Resolved at run time from the project root, so Next's server build finds the file in place.
  const child = fork(path.join(/*turbopackIgnore: true*/ process.cwd(), "lib/tenant-db/query-runner.mjs"), [], {
    // No secrets, no DATABASE_URL: the runner needs nothing from ours. (Next's types insist on NODE_ENV.)
    env: {} as NodeJS.ProcessEnv,
    execArgv: [], // not the server's flags (loaders, inspector)
    stdio: ["ignore", "ignore", "ignore", "ipc"],
  });
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("The query runner did not start.")), SPAWN_TIMEOUT_MS);
    const settle = (err?: Error) => {
      clearTimeout(timer);
      if (err) reject(err);
      else resolve();
    };
    child.once("message", () => settle());
    child.once("error", (err) => settle(err));
    child.once("exit", () => settle(new Error("The query runner exited while starting.")));
  });
  ready.catch(() => undefined); // awaited by dispatch(); this only keeps a failure from being "unhandled"
  child.on("message", (message: { id?: number } & RunnerReply) => onReply(child, message));
  child.on("exit", (code, signal) => onExit(child, code, signal));
  child.on("error", (err) => log.warn("tenant_db.runner.error", { err: err.message }));
  // An idle runner must not keep the server (or a test process) alive.
  child.unref();
  child.channel?.unref();
  return { child, ready };
}

/** Settles the active query once (a reply, the deadline and an exit may race) and starts the next. */
function finish(id: number, settle: (job: Job) => void): void {
  if (active?.id !== id) return;
  const { job, timer } = active;
  clearTimeout(timer);
  active = undefined;
  runner?.child.channel?.unref();
  settle(job);
  setImmediate(() => void dispatch());
}

function onReply(child: ChildProcess, message: { id?: number } & RunnerReply): void {
  if (runner?.child !== child || message.id === undefined) return;
  finish(message.id, (job) => job.resolve(message));
}

function onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
  if (runner?.child !== child) return; // a runner already replaced (killed at a deadline)
  runner = undefined;
  log.warn("tenant_db.runner.exited", { ...active?.job.fields, code, signal });
  // Only a query already sent (its deadline running) died with the runner; one still waiting for a
  // runner to start is failed by dispatch().
  if (active?.timer) {
    const stopped = new AppError("unprocessable", "The query runner stopped while running this query.", "sql");
    finish(active.id, (job) => job.reject(stopped));
  }
}

function onDeadline(id: number): void {
  const child = runner?.child;
  runner = undefined;
  child?.kill("SIGKILL");
  finish(id, (job) => {
    log.warn("tenant_db.query.timeout", { ...job.fields, timeoutMs: job.timeoutMs });
    job.reject(new AppError("unprocessable", `Query exceeded the ${job.timeoutMs} ms time limit and was stopped.`, "sql"));
  });
}

async function dispatch(): Promise<void> {
  const job = active ? undefined : waiting.shift();
  if (!job) return;
  lastId += 1;
  const id = lastId;
  active = { id, job };
  let current: Runner | undefined;
  try {
    current = runner ??= spawnRunner();
    await current.ready;
  } catch (err) {
    // A runner that cannot start is a platform fault, not the query's: a plain Error (500).
    if (current && runner === current) runner = undefined;
    finish(id, (j) => j.reject(err instanceof Error ? err : new Error("The query runner did not start.")));
    return;
  }
  if (active?.id !== id) return;
  current.child.channel?.ref();
  active.timer = setTimeout(() => onDeadline(id), job.timeoutMs);
  current.child.send({ id, ...job.request }, (err) => {
    if (err) finish(id, (j) => j.reject(err));
  });
}

/** Runs one query in the runner; rejects with unprocessable when it outlives `timeoutMs`. `fields` go into warnings. */
export function runInQueryRunner(request: RunnerRequest, timeoutMs: number, fields: LogFields): Promise<RunnerReply> {
  if (waiting.length >= MAX_WAITING_QUERIES) {
    throw new AppError("rate_limited", "Too many queries are waiting; try again shortly.", undefined, { retryAfterSeconds: 1 });
  }
  return new Promise((resolve, reject) => {
    waiting.push({ request, timeoutMs, fields, resolve, reject });
    void dispatch();
  });
}

/** Kills the runner and fails every pending query with unavailable (shutdown, tests). */
export function stopQueryRunner(): void {
  const child = runner?.child;
  runner = undefined;
  child?.kill("SIGKILL");
  const stopped = new AppError("unavailable", "The query runner was shut down.");
  if (active) finish(active.id, (job) => job.reject(stopped));
  for (const job of waiting.splice(0)) job.reject(stopped);
}
