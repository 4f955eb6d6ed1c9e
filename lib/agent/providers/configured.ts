import { getConfig } from "@/lib/config";
import { log } from "@/lib/log";
import { failoverProvider } from "./failover";
import { offlineProvider } from "./offline";
import { openAiProvider } from "./openai";
import type { ChatProvider } from "./provider";

let cached: ChatProvider | undefined;

/**
 * The provider runs use: the configured OpenAI-compatible endpoints in order behind one failover (made
 * once, so each circuit breaker remembers across runs), or the offline planner when none is configured.
 */
export function configuredProvider(): ChatProvider {
  if (cached) return cached;
  const config = getConfig();
  if (config.aiProviders.length === 0) return (cached = offlineProvider());
  const providers = config.aiProviders.map((p) =>
    openAiProvider({ name: p.name, baseURL: p.baseUrl, apiKey: p.apiKey ?? "none", model: p.model, timeoutMs: config.aiTimeoutMs }),
  );
  return (cached = failoverProvider(providers, {
    failureThreshold: 3,
    cooldownMs: 60_000,
    maxRetryWaitMs: 30_000,
    log: log.child({ component: "agent.failover" }),
  }));
}
