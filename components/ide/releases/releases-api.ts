import { api, type ApiResult } from "@/components/ui/api-client";
import type { DeploymentView, EnvironmentView, ReleaseDetail, ReleaseSummary, RollbackPlan } from "@/lib/releases";
import type { CodeFinding } from "@/lib/security";

// Dates arrive as ISO strings over JSON.
type Json<T> = T extends Date ? string : T extends (infer U)[] ? Json<U>[] : T extends object ? { [K in keyof T]: Json<T[K]> } : T;
export type Release = Json<ReleaseSummary>;
export type Environment = Json<EnvironmentView>;
export type Deployment = Json<DeploymentView>;
export type Plan = Json<RollbackPlan>;

const ROLLBACK = "/api/projects/{projectId}/environments/{env}/rollback";
// Cards offer rollback on staging and prod only; for dev the route answers 400 naming `env`.
type RollbackEnv = "staging" | "prod";

export const listReleases = (projectId: string): Promise<ApiResult<Release[]>> => api("GET", "/api/projects/{projectId}/releases", { params: { projectId } });
export const listEnvironments = (projectId: string): Promise<ApiResult<Environment[]>> => api("GET", "/api/projects/{projectId}/environments", { params: { projectId } });

/** The body of a new release; overrideSecurity (owners only) releases despite high-severity findings. */
export type CutReleaseBody = { version?: string; notes?: string; overrideSecurity?: boolean };

/**
 * Cuts a release of the workspace HEAD; 422 says what does not build, validate or migrate, 409 with field
 * overrideSecurity that high-severity security findings block it.
 */
export const cutRelease = (projectId: string, body: CutReleaseBody): Promise<ApiResult<Json<ReleaseDetail>>> =>
  api("POST", "/api/projects/{projectId}/releases", { params: { projectId }, body });

export type { CodeFinding };
/** Security findings of the code at HEAD, to show why a release was refused. */
export const listFindings = (projectId: string) => api("GET", "/api/projects/{projectId}/findings", { params: { projectId } });

export const deploy = (projectId: string, releaseId: string, env: "staging" | "prod"): Promise<ApiResult<Deployment>> =>
  api("POST", "/api/projects/{projectId}/deployments", { params: { projectId }, body: { releaseId, env } });

export const planRollback = (projectId: string, env: string, deploymentId: string): Promise<ApiResult<Plan>> =>
  api("GET", ROLLBACK, { params: { projectId, env: env as RollbackEnv }, query: { deploymentId } });

export const rollback = (projectId: string, env: string, deploymentId: string, restoreData: boolean): Promise<ApiResult<Deployment>> =>
  api("POST", ROLLBACK, { params: { projectId, env: env as RollbackEnv }, body: { deploymentId, restoreData } });
