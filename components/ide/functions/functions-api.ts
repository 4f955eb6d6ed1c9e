import { api, apiUrl, type ApiResult } from "@/components/ui/api-client";
import type { FunctionSummary, InvocationRecord, InvokeResult } from "@/lib/functions";

// Dates arrive as ISO strings over JSON.
type Json<T> = T extends Date ? string : T extends (infer U)[] ? Json<U>[] : T extends object ? { [K in keyof T]: Json<T[K]> } : T;
export type FunctionItem = Json<FunctionSummary>;
/** One console line of an invocation; `time` is epoch milliseconds. */
export type LogLine = InvokeResult["logs"][number];
/** One recorded invocation; `logs` is stored JSON, read back as the runner wrote it. */
export type Invocation = Omit<Json<InvocationRecord>, "logs"> & { logs: LogLine[] };
export type InvokeAnswer = InvokeResult & { invocationId: string };

export const INVOKE_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type InvokeMethod = (typeof INVOKE_METHODS)[number];
export type InvokeBody = { method: InvokeMethod; path: string; query: Record<string, string>; headers: Record<string, string>; body?: unknown };

const LOGS = "/api/projects/{projectId}/functions/{name}/logs";

export const listFunctions = (projectId: string): Promise<ApiResult<FunctionItem[]>> => api("GET", "/api/projects/{projectId}/functions", { params: { projectId } });

/** Runs the function as the builder's test request (editors); the answer carries its status, timings and logs. */
export const invokeFunction = (projectId: string, name: string, body: InvokeBody): Promise<ApiResult<InvokeAnswer>> =>
  api("POST", "/api/projects/{projectId}/functions/{name}/invoke", { params: { projectId, name }, body });

type InvocationPage = { invocations: Invocation[]; nextCursor: string | null };

// The route types `logs` as stored JSON; Invocation reads it as the runner wrote it.
export const listInvocations = (projectId: string, name: string, limit = 30): Promise<ApiResult<InvocationPage>> =>
  api("GET", LOGS, { params: { projectId, name }, query: { limit } }) as Promise<ApiResult<InvocationPage>>;

/** The URL of the function's live log stream (EventSource sends `Accept: text/event-stream`). */
export const logsStreamUrl = (projectId: string, name: string): string => apiUrl("GET", LOGS, { params: { projectId, name } });
