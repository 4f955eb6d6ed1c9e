import { callApi, type ApiResult } from "@/components/ui/api-client";
import type { DeploymentView, EnvironmentView, ReleaseDetail, ReleaseSummary, RollbackPlan } from "@/lib/releases";

// Dates arrive as ISO strings over JSON.
type Json<T> = T extends Date ? string : T extends (infer U)[] ? Json<U>[] : T extends object ? { [K in keyof T]: Json<T[K]> } : T;
export type Release = Json<ReleaseSummary>;
export type Environment = Json<EnvironmentView>;
export type Deployment = Json<DeploymentView>;
export type Plan = Json<RollbackPlan>;

const base = (projectId: string) => `/api/projects/${projectId}`;

export const listReleases = (projectId: string): Promise<ApiResult<Release[]>> => callApi(`${base(projectId)}/releases`);
export const listEnvironments = (projectId: string): Promise<ApiResult<Environment[]>> => callApi(`${base(projectId)}/environments`);

/** Cuts a release of the workspace HEAD; 422 says what does not build, validate or migrate. */
export const cutRelease = (projectId: string, body: { version?: string; notes?: string }): Promise<ApiResult<Json<ReleaseDetail>>> =>
  callApi(`${base(projectId)}/releases`, { method: "POST", body });

export const deploy = (projectId: string, releaseId: string, env: "staging" | "prod"): Promise<ApiResult<Deployment>> =>
  callApi(`${base(projectId)}/deployments`, { method: "POST", body: { releaseId, env } });

export const planRollback = (projectId: string, env: string, deploymentId: string): Promise<ApiResult<Plan>> =>
  callApi(`${base(projectId)}/environments/${env}/rollback?deploymentId=${encodeURIComponent(deploymentId)}`);

export const rollback = (projectId: string, env: string, deploymentId: string, restoreData: boolean): Promise<ApiResult<Deployment>> =>
  callApi(`${base(projectId)}/environments/${env}/rollback`, { method: "POST", body: { deploymentId, restoreData } });
