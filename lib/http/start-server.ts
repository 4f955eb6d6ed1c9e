import { ConfigError, getConfig, processWide } from "@/lib/config";
import { coordinationKind, listen, nodeId } from "@/lib/coordination";
import { initErrorReporting, log } from "@/lib/log";
import { interruptRuns, orphanSweeper } from "@/lib/agent";
import { removeArtifactLeftovers } from "@/lib/bundler";
import { warmRunnerPool } from "@/lib/functions";
import { recoverDeployments } from "@/lib/releases";
import { pruneAuditEvents } from "@/lib/projects";
import { removeProbeLeftovers } from "@/lib/storage";
import { removeTenantDbLeftovers } from "@/lib/tenant-db";
import { removeWorkspaceLeftovers } from "@/lib/workspace";
import { findStartProblem } from "./start-checks";
import { startMetricsListener } from "./metrics-listener";

/** Stops the process with one block on stderr: what is wrong, and what to do about it. */
function refuseToStart(cause: string, advice: string): never {
  process.stderr.write(`\nMyco cannot start: ${cause}\n${advice}\n\n`);
  process.exit(1);
}

/**
 * What a crash or restart left behind, put right before the first request: runs left "running", temp
 * files never renamed, git locks of dead git processes, and deployments cut short (finished or undone).
 */
async function recoverAfterCrash(): Promise<{ runsInterrupted: number; leftoversRemoved: number; deploymentsRecovered: number }> {
  const runsInterrupted = await interruptRuns(log);
  const leftovers = [
    ...(await removeProbeLeftovers()),
    ...(await removeWorkspaceLeftovers()),
    ...(await removeTenantDbLeftovers()),
    ...(await removeArtifactLeftovers()),
  ];
  for (const file of leftovers) log.info("server.leftover_removed", { file });
  const deploymentsRecovered = await recoverDeployments(log);
  return { runsInterrupted, leftoversRemoved: leftovers.length, deploymentsRecovered };
}

const RETENTION_EVERY_MS = 3_600_000;

/** Deletes audit events past the retention now and every hour; a failed pass is logged and tried again next hour. */
function keepAuditRetention(): void {
  processWide("server.auditRetention", () => {
    const prune = () =>
      pruneAuditEvents().then(
        (removed) => removed > 0 && log.info("audit.pruned", { removed }),
        (err: unknown) => log.error("audit.prune_failed", {}, err),
      );
    void prune();
    return setInterval(prune, RETENTION_EVERY_MS).unref();
  });
}

const SWEEP_RUNS_EVERY_MS = 60_000;

/**
 * Among several nodes, every minute: the runs of a node that died while this one goes on are marked
 * interrupted, so the record says so without waiting for a restart (one node's runs are all its own, and
 * its start-up sweeps what a crash left). A failed pass is logged and tried again; one timer per process.
 */
function sweepOrphanedRuns(): void {
  if (coordinationKind() === "local") return;
  processWide("server.orphanSweep", () => {
    const sweep = orphanSweeper(log);
    return setInterval(() => void sweep().catch((err: unknown) => log.error("agent.runs_sweep_failed", {}, err)), SWEEP_RUNS_EVERY_MS).unref();
  });
}

/**
 * Start-up, before the first request: a bad environment, a store that cannot take a write or a
 * registry database that cannot be opened stops the process with one message naming the cause (not
 * a failure per request); the database is migrated so the first request does not wait, and what a
 * crash left behind is recovered before anything is served.
 */
export async function startServer(): Promise<void> {
  try {
    getConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    refuseToStart(err.message, "See .env.example for every variable and its default.");
  }
  initErrorReporting();
  const problem = await findStartProblem();
  if (problem) refuseToStart(problem.cause, problem.advice);
  // Other nodes' news (commits, hot builds, stops) from before the first request: caches hear of it.
  await listen();
  const recovered = await recoverAfterCrash();
  const config = getConfig();
  await startMetricsListener(config.metrics.port, config.metrics.host);
  log.info("server.started", { ideUrl: config.ideUrl.origin, database: config.databaseUrl ? "postgresql" : "pglite", coordination: coordinationKind(), nodeId, ...recovered });
  keepAuditRetention();
  sweepOrphanedRuns();
  warmRunnerPool();
}
