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
/** Requests one project may have waiting or running; more are refused rather than queued behind everyone. */
const PER_PROJECT = 2;

type Files = { path: string; text: string | null }[];
type Job = { id: number; projectId: string; files: Files; resolve: (f: CodeFinding[]) => void; reject: (e: unknown) => void };

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
    if (worker === thread) settleRunning(err);
  });
  thread.on("exit", () => {
    if (worker !== thread) return;
    worker = null;
    settleRunning(new Error("the analysis worker exited"));
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
    worker ??= spawn(await buildNodeScript(ENTRY, EXTERNALS));
    worker.postMessage({ id: job.id, files: job.files });
  } catch (err) {
    settleRunning(err);
  }
}

/**
 * Analyses `files` of a project in the analysis worker thread: in turn with every other project's, each
 * bounded by a deadline (past it, 503), and at most PER_PROJECT requests of one project at a time (429).
 */
export function analyseInWorker(projectId: string, files: Files): Promise<CodeFinding[]> {
  const mine = queue.filter((j) => j.projectId === projectId).length + (running?.job.projectId === projectId ? 1 : 0);
  if (mine >= PER_PROJECT) {
    return Promise.reject(new AppError("rate_limited", "This project's code is already being analysed; try again in a moment.", undefined, { retryAfterSeconds: 5 }));
  }
  return new Promise((resolve, reject) => {
    queue.push({ id: nextId++, projectId, files, resolve, reject });
    void pump();
  });
}
