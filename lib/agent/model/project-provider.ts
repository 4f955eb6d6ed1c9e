import { getConfig } from "@/lib/config";
import type { ProjectAiModel } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { modelEndpointFetch, openSealed } from "@/lib/security";
import { configuredProvider, namedServerProvider } from "../providers/configured";
import { failoverProvider } from "../providers/failover";
import { openAiProvider } from "../providers/openai";
import type { ChatProvider } from "../providers/provider";
import { findProjectModel, modelKeyContext } from "./project-model";

// Sealed under MYCO_SECRETS_KEY: if the operator replaced that key, the stored one cannot be read back.
function openKey(projectId: string, sealed: string): string {
  try {
    return openSealed(modelKeyContext(projectId), sealed);
  } catch {
    throw new AppError("unprocessable", "The project's stored API key can no longer be read (the server's secrets key changed); enter it again.", "apiKey");
  }
}

/** A project's own endpoint, reached only at vetted addresses (see modelEndpointFetch). */
export function customEndpointProvider(row: ProjectAiModel, timeoutMs: number): ChatProvider {
  if (!row.baseUrl || !row.model) throw new Error(`project ${row.projectId}: custom model without a base URL or model`);
  const apiKey = row.keyCiphertext ? openKey(row.projectId, row.keyCiphertext) : "none";
  return openAiProvider({ name: new URL(row.baseUrl).host, baseURL: row.baseUrl, apiKey, model: row.model, timeoutMs, fetch: modelEndpointFetch });
}

/** The provider the server chose by name, or a clear refusal when the server no longer offers it. */
export function serverProviderOrThrow(name: string): ChatProvider {
  const provider = namedServerProvider(name);
  if (!provider) {
    throw new AppError("unprocessable", `This server no longer offers the model provider ${name}; choose another in the project's settings.`, "provider");
  }
  return provider;
}

/**
 * The provider a project's runs use: the one it chose among the server's, its own OpenAI-compatible
 * endpoint (behind a failover of one, for its Retry-After handling), or the server's default.
 */
export async function projectProvider(projectId: string): Promise<ChatProvider> {
  const row = await findProjectModel(projectId);
  if (!row) return configuredProvider();
  if (row.kind === "server") return serverProviderOrThrow(row.provider ?? "");
  const endpoint = customEndpointProvider(row, getConfig().aiTimeoutMs);
  return failoverProvider([endpoint], { failureThreshold: 3, cooldownMs: 60_000, maxRetryWaitMs: 30_000, log: log.child({ component: "agent.failover" }) });
}
