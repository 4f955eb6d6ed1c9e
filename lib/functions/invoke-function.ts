// The supervisor's entry points. Tenant code never runs in this process: every invocation goes to
// the tenant's runner process, and whatever it does comes back as an InvokeResult.
import { log } from "@/lib/log";
import { DEFAULT_LIMITS, resolveLimits, type FunctionLimits } from "./function-limits";
import { failureResult } from "./invoke-results";
import type { Capabilities, FunctionSource, InvokeRequest, InvokeResult } from "./invoke-types";
import { flushInvocations } from "./invocation-log";
import { leaseRunner, runnerStats, stopAllRunners, warmRunnerPool } from "./runner-registry";
import { acquireSlot, releaseSlot } from "./tenant-slots";
import { MAX_VERSION_KEY_CHARS } from "./runner/protocol";

// Bundles are far smaller; this bounds compile time, which no timeout covers.
const MAX_SCRIPT_CHARS = 5 * 1024 * 1024;

function stringRecord(source: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(source)) if (typeof value === "string") out[key] = value;
  return out;
}

function invalidSource(fn: FunctionSource): string | undefined {
  if (typeof fn.versionKey !== "string" || fn.versionKey.length === 0 || fn.versionKey.length > MAX_VERSION_KEY_CHARS) {
    return "The function version key is invalid.";
  }
  if (typeof fn.script !== "string" || fn.script.length > MAX_SCRIPT_CHARS) return `The script exceeds ${MAX_SCRIPT_CHARS} characters.`;
  return undefined;
}

function serialise(request: InvokeRequest): string | undefined {
  try {
    return JSON.stringify(request);
  } catch {
    return undefined; // a BigInt or a cycle: only a platform bug can get here
  }
}

async function runOnRunner(
  tenantKey: string,
  fn: FunctionSource,
  requestJson: string,
  capabilities: Capabilities,
  limits: FunctionLimits,
  startedAt: number,
): Promise<InvokeResult> {
  const lease = leaseRunner(tenantKey);
  if (!lease) return failureResult("concurrency_limit", "Too many function runners are busy; try again shortly.", startedAt);
  if (!(await lease.runner.ready)) return failureResult("crashed", "The function runner could not start.", startedAt, lease.spawned);
  const call = { fn, requestJson, capabilities: { ...capabilities, env: stringRecord(capabilities.env) }, limits, startedAt };
  const result = await lease.runner.invoke(call, lease.spawned);
  // A runner taken from the pool is replaced once its first call has answered: forking competes for
  // the CPU, and this call should not pay for the next tenant's runner.
  if (lease.spawned) warmRunnerPool();
  return result;
}

/**
 * Runs one invocation of a function version for a tenant (a project id) in that tenant's runner
 * process. Never rejects: every failure, whatever the tenant code did, is an `ok: false` result.
 */
export async function invokeFunction(
  tenantKey: string,
  fn: FunctionSource,
  request: InvokeRequest,
  capabilities: Capabilities,
  limits?: Partial<FunctionLimits>,
): Promise<InvokeResult> {
  const startedAt = Date.now();
  const invalid = invalidSource(fn);
  if (invalid) return failureResult("invalid_script", invalid, startedAt);
  const resolved = resolveLimits(limits);
  const requestJson = serialise(request);
  if (requestJson === undefined) return failureResult("runtime_error", "The request is not JSON-serialisable.", startedAt);
  try {
    if (!(await acquireSlot(tenantKey, resolved.maxConcurrent, resolved.wallMs))) {
      return failureResult("concurrency_limit", `More than ${resolved.maxConcurrent} invocations are running; try again shortly.`, startedAt);
    }
  } catch (err) {
    log.error("functions.invoke.failed", { tenantKey }, err);
    return failureResult("crashed", "internal error", startedAt);
  }
  try {
    return await runOnRunner(tenantKey, fn, requestJson, capabilities, resolved, startedAt);
  } catch (err) {
    log.error("functions.invoke.failed", { tenantKey }, err);
    return failureResult("crashed", "internal error", startedAt);
  } finally {
    releaseSlot(tenantKey);
  }
}

/** Starts the tenant's runner and compiles the version into a warm isolate; never rejects. */
export async function prewarmFunction(tenantKey: string, fn: FunctionSource): Promise<void> {
  if (invalidSource(fn)) return;
  const lease = leaseRunner(tenantKey);
  if (lease && (await lease.runner.ready)) await lease.runner.prewarm(fn, DEFAULT_LIMITS.memoryMb);
  if (lease?.spawned) warmRunnerPool();
}

/** Kills every runner process, spares included (tests, server shutdown), pending invocations answering `crashed`, and stores the queued invocation records. */
export async function shutdownRuntime(): Promise<void> {
  await stopAllRunners();
  await flushInvocations();
}

/** Cheap figures for monitoring and benchmarks: tenants' live runners, their isolates and summed RSS, and spare runners. */
export function runtimeStats(): { runners: number; spares: number; isolates: number; rssBytes?: number } {
  return runnerStats();
}
