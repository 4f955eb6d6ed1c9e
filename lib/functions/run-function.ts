import { AppError } from "@/lib/errors";
import type { Logger } from "@/lib/log";
import type { TenantScope } from "@/lib/auth";
import { guardedFetch } from "@/lib/security";
import { execTenantStatement, runTenantQuery, type QueryResult, type RunQueryInput } from "@/lib/tenant-db";
import { buildFunction, type BuiltFunction } from "@/lib/bundler";
import type { EnvName } from "@/lib/sdui";
import { DEFAULT_LIMITS, invokeFunction, type Capabilities, type InvokeRequest, type InvokeResult } from "./runtime";
import { getFunctionSettings, type FunctionSettings } from "./settings";
import { readSecretValues } from "./secrets";
import { recordInvocation, type InvocationRecord } from "./invocation-log";

/** Who called: the builder's invoke endpoint, or the app's /_fn endpoint. */
export type FunctionTrigger = "api" | "http";

/** A finished invocation: the runtime's result and the record the logs API shows. */
export type FunctionRun = { result: InvokeResult; invocation: InvocationRecord };

type Params = RunQueryInput["params"];
const FETCH_TIMEOUT_MS = 8_000;
const FETCH_MAX_BYTES = 5 * 1024 * 1024;

// Tenant code sees rows as objects keyed by column, the shape most code expects.
function rowsAsObjects(result: Pick<QueryResult, "columns" | "rows">): Record<string, unknown>[] {
  return result.rows.map((row) => Object.fromEntries(result.columns.map((c, i) => [c, row[i]])));
}

/** One compiled version of a function and the environment whose database it runs against. */
export type FunctionTarget = { env: EnvName; versionId: string; contentHash: string; script: string };

function capabilitiesFor(scope: TenantScope, dbEnv: EnvName, settings: FunctionSettings, env: Record<string, string>, signal: AbortSignal): Capabilities {
  return {
    // Parameters are checked by the tenant-db module's own schema; a bad one is an error in tenant code.
    dbQuery: async (sql, params) => rowsAsObjects(await runTenantQuery(scope, dbEnv, { sql, params: params as Params }, { signal })),
    dbExec: async (sql, params) => {
      const r = await execTenantStatement(scope, dbEnv, { sql, params: params as Params }, { signal });
      return { changes: r.changes, lastInsertRowid: r.lastInsertRowid, rows: rowsAsObjects(r) };
    },
    fetch: (url, init) => {
      if (settings.allowedHosts.length === 0) {
        throw new AppError("forbidden", "ctx.fetch is off for this project; add allowed hosts in its function settings.", "url");
      }
      const policy = { allowedHosts: settings.allowedHosts, timeoutMs: FETCH_TIMEOUT_MS, maxResponseBytes: FETCH_MAX_BYTES, maxRedirects: 5 };
      return guardedFetch(url, init, policy);
    },
    env,
  };
}

/**
 * How the caller gives up: abort `signal` (the HTTP client went away); and which version runs: `target`
 * (a deployed release's), else the workspace HEAD's build against the dev database.
 */
export type RunFunctionOptions = { signal?: AbortSignal; target?: FunctionTarget };

/**
 * Runs the invocation with database calls that are cancelled when it ends (finished, timed out or
 * crashed: a query it left in flight must not run on for nobody) or when the caller gives up.
 */
async function invokeCancellable(scope: TenantScope, target: FunctionTarget, request: InvokeRequest, caller: AbortSignal | undefined): Promise<InvokeResult> {
  const [settings, env] = await Promise.all([getFunctionSettings(scope.projectId), readSecretValues(scope.projectId)]);
  const ended = new AbortController();
  const signal = caller ? AbortSignal.any([ended.signal, caller]) : ended.signal;
  try {
    const source = { versionKey: target.contentHash, script: target.script };
    const capabilities = capabilitiesFor(scope, target.env, settings, env, signal);
    return await invokeFunction(scope.projectId, source, request, capabilities, { ...DEFAULT_LIMITS, ...settings.limits });
  } finally {
    ended.abort();
  }
}

/** The workspace HEAD's build of a function (cached per HEAD), run against the dev database. */
async function headTarget(scope: TenantScope, name: string): Promise<FunctionTarget> {
  const built: BuiltFunction = await buildFunction(scope, name);
  return { env: "dev", versionId: built.versionId, contentHash: built.contentHash, script: built.script };
}

/**
 * Runs one function of the project (a deployed release's version, or the HEAD's built on demand),
 * records the invocation, and returns both. Build problems are AppErrors (404 missing, 422 BuildError);
 * anything the tenant's code does ends as an InvokeResult, never as a thrown error.
 */
export async function runFunction(
  scope: TenantScope,
  name: string,
  request: InvokeRequest,
  trigger: FunctionTrigger,
  log: Logger,
  { signal, target }: RunFunctionOptions = {},
): Promise<FunctionRun> {
  const version = target ?? (await headTarget(scope, name));
  const result = await invokeCancellable(scope, version, request, signal);
  const invocation = recordInvocation({
    projectId: scope.projectId,
    functionName: name,
    versionId: version.versionId,
    env: version.env,
    trigger,
    status: result.ok ? "ok" : "error",
    httpStatus: result.ok ? result.status : httpStatusOf(result.error.code),
    errorCode: result.ok ? null : result.error.code,
    errorMessage: result.ok ? null : result.error.message,
    durationMs: Math.round(result.wallMs),
    cpuMs: Math.round(result.cpuMs),
    cold: result.cold,
    logs: result.logs,
    logsTruncated: result.logsTruncated,
  });
  log.info("function.invoked", { projectId: scope.projectId, env: version.env, name, status: invocation.status, errorCode: invocation.errorCode, durationMs: invocation.durationMs });
  return { result, invocation };
}

/** The HTTP status an invocation error is answered with. */
export function httpStatusOf(code: string): number {
  switch (code) {
    case "timeout":
      return 504;
    case "concurrency_limit":
      return 429;
    case "memory_limit":
    case "cpu_limit":
    case "crashed":
      return 503;
    case "response_too_large":
    case "bad_response":
      return 502;
    default:
      return 500;
  }
}
