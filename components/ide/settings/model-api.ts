import type { AiUsageView, Budgets, BudgetView, ModelChoice, ModelTestResult, ProjectModelView } from "@/lib/agent";
import { api, type ApiResult } from "@/components/ui/api-client";

export type { AiUsageView, Budgets, BudgetView, ModelChoice, ModelTestResult, ProjectModelView };

/** What the model form sends: a custom endpoint's key only when one was typed. */
export type ModelUpdate =
  | { kind: "default" }
  | { kind: "server"; provider: string }
  | { kind: "custom"; baseUrl: string; model: string; apiKey?: string };

const MODEL = "/api/projects/{projectId}/model";

export const getModel = (projectId: string): Promise<ApiResult<ProjectModelView>> => api("GET", MODEL, { params: { projectId } });
export const putModel = (projectId: string, body: ModelUpdate): Promise<ApiResult<ProjectModelView>> => api("PUT", MODEL, { params: { projectId }, body });
export const testModel = (projectId: string): Promise<ApiResult<ModelTestResult>> => api("POST", "/api/projects/{projectId}/model/test", { params: { projectId } });
export const getAiUsage = (projectId: string): Promise<ApiResult<AiUsageView>> =>
  api("GET", "/api/projects/{projectId}/ai-usage", { params: { projectId }, query: { limit: 20 } });
export const getBudgets = (projectId: string): Promise<ApiResult<Budgets>> => api("GET", "/api/projects/{projectId}/ai-budget", { params: { projectId } });
export const putBudget = (projectId: string, monthlyTokens: number | null): Promise<ApiResult<Budgets>> =>
  api("PUT", "/api/projects/{projectId}/ai-budget", { params: { projectId }, body: { monthlyTokens } });
