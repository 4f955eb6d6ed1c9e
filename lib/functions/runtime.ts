// The public face of the function runtime; lib/functions/index.ts re-exports from here.

/** Per-invocation budgets, and their defaults (64 MiB, 1 s CPU, 10 s wall, 1 MiB response, 64 KiB logs, 8 concurrent). */
export { DEFAULT_LIMITS, type FunctionLimits } from "./function-limits";
/** The request, capabilities, log line and result types of an invocation. */
export type { Capabilities, FunctionSource, InvokeErrorCode, InvokeRequest, InvokeResult, LogLine } from "./invoke-types";
/**
 * invokeFunction runs tenant code in the tenant's runner process and never rejects;
 * prewarmFunction starts the runner and a warm isolate ahead; shutdownRuntime kills every runner;
 * runtimeStats reports runners, isolates and RSS.
 */
export { invokeFunction, prewarmFunction, runtimeStats, shutdownRuntime } from "./invoke-function";
/** The pid of a tenant's runner process, if one is running (operations, tests). */
export { runnerPid } from "./runner-registry";
/** The pids of the pool's ready spare runners, which no tenant has used (operations, tests). */
export { spareRunnerPids } from "./runner-pool";
/** Forks the pool of spare runners (MYCO_FUNCTION_RUNNER_POOL) now instead of at the first call: server start. */
export { warmRunnerPool } from "./runner-registry";
