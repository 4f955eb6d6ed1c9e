import { api, type ApiResult } from "@/components/ui/api-client";
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

const SECRET = "/api/projects/{projectId}/secrets/{name}";
const FUNCTION_SETTINGS = "/api/projects/{projectId}/function-settings";

export const listSecrets = (projectId: string): Promise<ApiResult<Secret[]>> => api("GET", "/api/projects/{projectId}/secrets", { params: { projectId } });

/** Creates or replaces a secret; the answer never carries the value. */
export const setSecret = (projectId: string, name: string, value: string): Promise<ApiResult<Secret>> =>
  api("PUT", SECRET, { params: { projectId, name }, body: { value } });

export const deleteSecret = (projectId: string, name: string): Promise<ApiResult<void>> =>
  api("DELETE", SECRET, { params: { projectId, name } });

export const getFunctionSettings = (projectId: string): Promise<ApiResult<FunctionSettings>> => api("GET", FUNCTION_SETTINGS, { params: { projectId } });

/** Replaces limits and allowed hosts together: the route resets whichever one is left out. */
export const putFunctionSettings = (projectId: string, body: Pick<FunctionSettings, "limits" | "allowedHosts">): Promise<ApiResult<FunctionSettings>> =>
  api("PUT", FUNCTION_SETTINGS, { params: { projectId }, body });

export const listTokens = (): Promise<ApiResult<ApiToken[]>> => api("GET", "/api/tokens");

/** Issues a token; the answer is the only time its secret is shown. */
export const createToken = (body: TokenInput): Promise<ApiResult<NewApiToken>> => api("POST", "/api/tokens", { body });

export const revokeToken = (tokenId: string): Promise<ApiResult<void>> => api("DELETE", "/api/tokens/{tokenId}", { params: { tokenId } });

/** A date for tables: local date and time, or the text as given when it does not parse. */
export function formatDate(iso: string | null, none = "—"): string {
  if (!iso) return none;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}
