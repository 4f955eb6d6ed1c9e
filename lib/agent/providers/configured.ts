import { getConfig, type AiProviderConfig } from "@/lib/config";
import { log } from "@/lib/log";
import { failoverProvider } from "./failover";
import { offlineProvider } from "./offline";
import { openAiProvider } from "./openai";
import type { ChatProvider } from "./provider";

let cached: ChatProvider | undefined;
const byName = new Map<string, ChatProvider>();

const FAILOVER = { failureThreshold: 3, cooldownMs: 60_000, maxRetryWaitMs: 30_000 } as const;

/** One configured endpoint as a provider; `timeoutMs` defaults to AI_TIMEOUT_MS. */
export function endpointProvider(p: AiProviderConfig, timeoutMs = getConfig().aiTimeoutMs): ChatProvider {
  return openAiProvider({ name: p.name, baseURL: p.baseUrl, apiKey: p.apiKey ?? "none", model: p.model, timeoutMs });
}

/**
 * The provider runs use: the configured OpenAI-compatible endpoints in order behind one failover (made
 * once, so each circuit breaker remembers across runs), or the offline planner when none is configured.
 */
export function configuredProvider(): ChatProvider {
  if (cached) return cached;
  const config = getConfig();
  if (config.aiProviders.length === 0) return (cached = offlineProvider());
  const providers = config.aiProviders.map((p) => endpointProvider(p));
  return (cached = failoverProvider(providers, { ...FAILOVER, log: log.child({ component: "agent.failover" }) }));
}

/** The server's endpoint of this name alone (a project chose it), made once per name; undefined when not configured. */
export function namedServerProvider(name: string): ChatProvider | undefined {
  const existing = byName.get(name);
  if (existing) return existing;
  const config = getConfig().aiProviders.find((p) => p.name === name);
  if (!config) return undefined;
  const provider = failoverProvider([endpointProvider(config)], { ...FAILOVER, log: log.child({ component: "agent.failover" }) });
  byName.set(name, provider);
  return provider;
}
