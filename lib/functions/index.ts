/**
 * Serverless functions: tenant TypeScript run in V8 isolates inside supervised runner processes, with
 * limits, capabilities (db, fetch, env, console), secrets, settings and invocation logs.
 * See docs/functions-runtime.md.
 */
/** The isolate runtime: invoke, prewarm, warm the runner pool, shut down, defaults and result types. */
export {
  DEFAULT_LIMITS,
  invokeFunction,
  prewarmFunction,
  runtimeStats,
  shutdownRuntime,
  warmRunnerPool,
  type Capabilities,
  type FunctionLimits,
  type InvokeRequest,
  type InvokeResult,
} from "./runtime";
/** Build, run and record one function of a project. */
export { httpStatusOf, runFunction, type FunctionRun, type FunctionTarget, type FunctionTrigger, type RunFunctionOptions } from "./run-function";
/** HTTP ⇄ function request/response translation. */
export { InvokeInput, requestFromHttp, requestFromInput, responseFromResult } from "./http-request";
/** The functions of a workspace. */
export { listFunctions, type FunctionSummary } from "./list-functions";
/** Invocation records, pages and live streams. */
export { LogsQuery, listInvocations, watchInvocations, type InvocationRecord } from "./invocation-log";
/** Per-project limits and fetch allowlist. */
export { FunctionSettings, getFunctionSettings, readFunctionSettings, updateFunctionSettings, type FunctionSettingsView } from "./settings";
/** Project secrets: set, list (names only), delete; values reach only ctx.env. */
export { SecretName, SetSecretInput, deleteSecret, listSecrets, setSecret, type SecretInfo } from "./secrets";
