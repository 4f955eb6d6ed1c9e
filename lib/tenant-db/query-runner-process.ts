// One forked query runner (query-runner.mjs) serving one tenant's lane for its whole life: it is
// never handed to another tenant, so a runner is killed, not reassigned, when its lane lets it go.
import { fork, type ChildProcess } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { log } from "@/lib/log";
import type { RunnerReply, RunnerRequest } from "./runner-protocol";

const SPAWN_TIMEOUT_MS = 10_000;
// The lowest priority there is: a tenant over its CPU share runs only on CPU nobody else wants.
const LOW_PRIORITY = 19;

/** A reply as it arrives: the call's id and the runner's CPU time for it. */
export type RunnerMessage = RunnerReply & { id?: number; cpuMs?: number };

/** A runner's reply to a call, and its exit; the lane ignores both from a runner it has let go. */
export type RunnerHooks = {
  reply(runner: QueryRunner, message: RunnerMessage): void;
  exit(runner: QueryRunner, code: number | null, signal: NodeJS.Signals | null): void;
};

/** A forked runner: calls go in over IPC, one at a time (the lane sees to that), replies come back through `hooks`. */
export class QueryRunner {
  /** Resolves once the runner is up; rejects (a platform fault) when it cannot start. */
  readonly ready: Promise<void>;
  private readonly child: ChildProcess;
  private lowered = false;

  constructor(hooks: RunnerHooks) {
    // Resolved at run time from the project root, so Next's server build finds the file in place.
    this.child = fork(path.join(/*turbopackIgnore: true*/ process.cwd(), "lib/tenant-db/query-runner.mjs"), [], {
      // No secrets, no DATABASE_URL: the runner needs nothing from ours. (Next's types insist on NODE_ENV.)
      env: {} as NodeJS.ProcessEnv,
      execArgv: [], // not the server's flags (loaders, inspector)
      stdio: ["ignore", "ignore", "ignore", "ipc"],
    });
    this.ready = this.started();
    this.child.on("message", (message: RunnerMessage) => hooks.reply(this, message));
    this.child.on("exit", (code, signal) => hooks.exit(this, code, signal));
    this.child.on("error", (err) => log.warn("tenant_db.runner.error", { err: err.message }));
    this.setBusy(false);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** True once the runner runs at low priority (its tenant went over its CPU share). */
  get isLowered(): boolean {
    return this.lowered;
  }

  /** Sends one call; `onError` when the channel is gone (the runner died, and its exit follows). */
  send(id: number, request: RunnerRequest, onError: (err: Error) => void): void {
    try {
      this.child.send({ id, ...request }, (err) => {
        if (err) onError(err);
      });
    } catch (err) {
      onError(err instanceof Error ? err : new Error("The query runner's channel is closed."));
    }
  }

  /** SIGKILL: nothing else stops a running SQLite statement; an open transaction is rolled back. */
  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGKILL");
  }

  /** A busy runner keeps the server (or a test process) alive until it answers; an idle one does not. */
  setBusy(busy: boolean): void {
    if (busy) this.child.channel?.ref();
    else {
      this.child.unref();
      this.child.channel?.unref();
    }
  }

  /** Raising nice needs no privilege; a failure (the process just died) leaves it as it was. */
  lowerPriority(): void {
    if (this.lowered || this.child.pid === undefined) return;
    try {
      os.setPriority(this.child.pid, LOW_PRIORITY);
      this.lowered = true;
    } catch (err) {
      log.warn("tenant_db.runner.priority_failed", { err: err instanceof Error ? err.message : String(err) });
    }
  }

  /** Back to normal priority; false when that is not permitted (no CAP_SYS_NICE): respawn instead. */
  restorePriority(): boolean {
    if (!this.lowered || this.child.pid === undefined) return true;
    try {
      os.setPriority(this.child.pid, 0);
      this.lowered = false;
      return true;
    } catch {
      return false;
    }
  }

  private started(): Promise<void> {
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("The query runner did not start.")), SPAWN_TIMEOUT_MS);
      const settle = (err?: Error) => {
        clearTimeout(timer);
        if (err) reject(err);
        else resolve();
      };
      this.child.once("message", () => settle());
      this.child.once("error", (err) => settle(err));
      this.child.once("exit", () => settle(new Error("The query runner exited while starting.")));
    });
    ready.catch(() => undefined); // awaited by the lane; this only keeps a failure from being "unhandled"
    return ready;
  }
}
