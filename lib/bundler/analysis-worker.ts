import path from "node:path";
import { Worker } from "node:worker_threads";
import { AppError } from "@/lib/errors";
import type { CodeFinding } from "@/lib/security";
import { log } from "@/lib/log";
import { buildNodeScript } from "./build-node-script";

// Code analysis parses with ESLint, synchronously: seconds of CPU for a large file. It runs in one worker
// thread, one request at a time, so the server's event loop never waits on a tenant's code; a request that
// runs past the deadline terminates the thread (the next request starts a new one).
const ENTRY = path.join(/*turbopackIgnore: true*/ process.cwd(), "lib/security/analyse-worker.ts");
// Kept as imports: CommonJS packages Node resolves from node_modules (the script lives in node_modules/.cache).
const EXTERNALS = ["eslint", "@typescript-eslint/parser", "eslint-plugin-security", "eslint-plugin-no-unsanitized", "typescript"];
const DEADLINE_MS = 30_000;
const HEAP_MB = 512;
/** Requests one project may have waiting or running when it asks on its own (the findings route); more are refused. */
const PER_PROJECT = 2;
/** Requests of all projects waiting at once; past it, 503 rather than an unbounded queue. */
const MAX_WAITING = 64;

type Files = { path: string; text: string | null }[];
type Job = { id: number; projectId: string; load: () => Promise<Files>; resolve: (f: CodeFinding[]) => void; reject: (e: unknown) => void };

const unavailable = (why: string) => new AppError("unavailable", `The security analysis could not run (${why}); try again in a moment.`);

let worker: Worker | null = null;
let running: { job: Job; timer: NodeJS.Timeout } | null = null;
const queue: Job[] = [];
let nextId = 1;

function spawn(script: string): Worker {
  const thread = new Worker(script, { resourceLimits: { maxOldGenerationSizeMb: HEAP_MB } });
  thread.unref();
  // A thread already replaced (terminated past its deadline) has nothing more to say about the current job.
  thread.on("message", (reply: { id: number; findings: CodeFinding[] }) => {
    if (worker !== thread || running?.job.id !== reply.id) return;
    clearTimeout(running.timer);
    running.job.resolve(reply.findings);
    running = null;
    void pump();
  });
  thread.on("error", (err) => {
    if (worker !== thread) return;
    log.warn("analysis.worker_error", { err: err.message });
    settleRunning(unavailable("its worker failed"));
  });
  thread.on("exit", () => {
    if (worker !== thread) return;
    worker = null;
    settleRunning(unavailable("its worker stopped"));
  });
  return thread;
}

function settleRunning(err: unknown): void {
  if (!running) return;
  clearTimeout(running.timer);
  log.warn("analysis.worker_failed", { projectId: running.job.projectId, err: err instanceof Error ? err.message : String(err) });
  running.job.reject(err);
  running = null;
  void pump();
}

async function pump(): Promise<void> {
  if (running) return;
  const job = queue.shift();
  if (!job) return;
  const timer = setTimeout(() => {
    const thread = worker;
    worker = null;
    settleRunning(new AppError("unavailable", `The security analysis of this project's code did not finish within ${DEADLINE_MS / 1000} s. Split large files and try again.`));
    void thread?.terminate();
  }, DEADLINE_MS);
  running = { job, timer };
  try {
    // Files are read only now, one job at a time: what waits in the queue holds no file in memory.
    const files = await job.load();
    worker ??= spawn(await buildNodeScript(ENTRY, EXTERNALS));
    if (running?.job === job) worker.postMessage({ id: job.id, files });
  } catch (err) {
    if (running?.job === job) settleRunning(err);
  }
}

/**
 * Analyses a project's files (read by `load` when the job's turn comes) in the analysis worker thread:
 * in turn with every other project's, each bounded by a deadline (past it, 503), with at most
 * MAX_WAITING jobs waiting (503). `capped` jobs (a person asking for findings) are refused past
 * PER_PROJECT per project (429), so no one project fills the queue; releases and agent checks are not.
 */
export function analyseInWorker(projectId: string, load: () => Promise<Files>, options: { capped: boolean }): Promise<CodeFinding[]> {
  const mine = queue.filter((j) => j.projectId === projectId).length + (running?.job.projectId === projectId ? 1 : 0);
  if (options.capped && mine >= PER_PROJECT) {
    return Promise.reject(new AppError("rate_limited", "This project's code is already being analysed; try again in a moment.", undefined, { retryAfterSeconds: 5 }));
  }
  if (queue.length >= MAX_WAITING) return Promise.reject(unavailable("the server is analysing too much code at once"));
  return new Promise((resolve, reject) => {
    queue.push({ id: nextId++, projectId, load, resolve, reject });
    void pump();
  });
}
