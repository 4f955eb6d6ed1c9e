import type { AiUsageView, ModelChoice, ModelTestResult, ProjectModelView } from "@/lib/agent";
import { callApi } from "@/components/ui/api-client";

export type { AiUsageView, ModelChoice, ModelTestResult, ProjectModelView };

/** What the model form sends: a custom endpoint's key only when one was typed. */
export type ModelUpdate =
  | { kind: "default" }
  | { kind: "server"; provider: string }
  | { kind: "custom"; baseUrl: string; model: string; apiKey?: string };

const base = (projectId: string) => `/api/projects/${projectId}`;

export const getModel = (projectId: string) => callApi<ProjectModelView>(`${base(projectId)}/model`);
export const putModel = (projectId: string, body: ModelUpdate) => callApi<ProjectModelView>(`${base(projectId)}/model`, { method: "PUT", body });
export const testModel = (projectId: string) => callApi<ModelTestResult>(`${base(projectId)}/model/test`, { method: "POST" });
export const getAiUsage = (projectId: string) => callApi<AiUsageView>(`${base(projectId)}/ai-usage?limit=20`);
