import { callApi, type ApiResult } from "@/components/ui/api-client";
import type { ApiTokenInfo, CreatedApiToken } from "@/lib/auth";
import type { FunctionLimits, FunctionSettingsView, SecretInfo } from "@/lib/functions";

// Dates arrive as ISO strings over JSON.
type Json<T> = T extends Date ? string : T extends (infer U)[] ? Json<U>[] : T extends object ? { [K in keyof T]: Json<T[K]> } : T;
export type Secret = Json<SecretInfo>;
export type ApiToken = Json<ApiTokenInfo>;
export type NewApiToken = Json<CreatedApiToken>;
export type LimitName = keyof FunctionLimits;
export type FunctionSettings = FunctionSettingsView;
export type TokenInput = { name: string; expiresInDays?: number; readOnly?: boolean; projectId?: string };

const project = (projectId: string) => `/api/projects/${projectId}`;

export const listSecrets = (projectId: string): Promise<ApiResult<Secret[]>> => callApi(`${project(projectId)}/secrets`);

/** Creates or replaces a secret; the answer never carries the value. */
export const setSecret = (projectId: string, name: string, value: string): Promise<ApiResult<Secret>> =>
  callApi(`${project(projectId)}/secrets/${encodeURIComponent(name)}`, { method: "PUT", body: { value } });

export const deleteSecret = (projectId: string, name: string): Promise<ApiResult<void>> =>
  callApi(`${project(projectId)}/secrets/${encodeURIComponent(name)}`, { method: "DELETE" });

export const getFunctionSettings = (projectId: string): Promise<ApiResult<FunctionSettings>> => callApi(`${project(projectId)}/function-settings`);

/** Replaces limits and allowed hosts together: the route resets whichever one is left out. */
export const putFunctionSettings = (projectId: string, body: Pick<FunctionSettings, "limits" | "allowedHosts">): Promise<ApiResult<FunctionSettings>> =>
  callApi(`${project(projectId)}/function-settings`, { method: "PUT", body });

export const listTokens = (): Promise<ApiResult<ApiToken[]>> => callApi("/api/tokens");

/** Issues a token; the answer is the only time its secret is shown. */
export const createToken = (body: TokenInput): Promise<ApiResult<NewApiToken>> => callApi("/api/tokens", { method: "POST", body });

export const revokeToken = (tokenId: string): Promise<ApiResult<void>> => callApi(`/api/tokens/${encodeURIComponent(tokenId)}`, { method: "DELETE" });

/** A date for tables: local date and time, or the text as given when it does not parse. */
export function formatDate(iso: string | null, none = "—"): string {
  if (!iso) return none;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}
