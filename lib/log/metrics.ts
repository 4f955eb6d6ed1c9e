import { getConfig } from "@/lib/config";
import { metricsStore, type GaugeName, type GaugeSource } from "./metrics-registry";

// Methods route() can be handed; anything else is one label value, so a client cannot add series.
const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/**
 * The server's own providers by name (and the offline planner); a project's own endpoint is "custom", so
 * tenants cannot add series or show their hosts to whoever scrapes.
 */
function providerLabel(name: string): string {
  return name === "offline" || getConfig().aiProviders.some((p) => p.name === name) ? name : "custom";
}

/** Tokens one provider answered with during a run. */
export type TokenUsage = { provider: string; promptTokens: number; completionTokens: number };

/** Small recorders for the modules that count things; each writes the process's one registry. */
export const metrics = {
  /** One request route() answered; `route` is a template (routeTemplate), never a raw path. */
  httpRequest(route: string, method: string, status: number, seconds: number): void {
    const { httpRequests, httpDuration } = metricsStore().metrics;
    const m = METHODS.has(method) ? method : "other";
    httpRequests.inc({ route, method: m, status: String(status) });
    httpDuration.observe({ route, method: m }, seconds);
  },
  /** One tenant function invocation; `outcome` is "ok" or its error code. */
  functionInvocation(projectId: string, outcome: string, seconds: number): void {
    const { functionInvocations, functionDuration } = metricsStore().metrics;
    functionInvocations.inc({ project: projectId, outcome });
    functionDuration.observe({ project: projectId, outcome }, seconds);
  },
  /** `runs` agent runs that ended for `outcome` (their stop reason), and the tokens each provider spent on them. */
  agentRun(outcome: string, usage: readonly TokenUsage[], runs = 1): void {
    const { agentRuns, agentTokens } = metricsStore().metrics;
    agentRuns.inc({ outcome }, runs);
    for (const u of usage) {
      const provider = providerLabel(u.provider);
      agentTokens.inc({ kind: "prompt", provider }, Math.max(0, u.promptTokens));
      agentTokens.inc({ kind: "completion", provider }, Math.max(0, u.completionTokens));
    }
  },
  /** One esbuild build, finished or failed. */
  build(kind: "function" | "component" | "other", seconds: number): void {
    metricsStore().metrics.buildDuration.observe({ kind }, seconds);
  },
  /** A request a rate limit refused; `limit` names the limit (a RateLimitId or another fixed name). */
  rateLimitRefused(limit: string): void {
    metricsStore().metrics.rateLimitRefusals.inc({ limit });
  },
  /**
   * Feeds a gauge from the module that owns what it counts, read at each scrape; returns the function
   * that stops it (a closed database).
   */
  gaugeSource(name: GaugeName, source: GaugeSource): () => void {
    const { sources } = metricsStore();
    const set = sources.get(name) ?? new Set();
    sources.set(name, set.add(source));
    return () => void set.delete(source);
  },
};

/** The registry in Prometheus' text format, and the content type to send it with. */
export async function metricsText(): Promise<{ contentType: string; body: string }> {
  const { registry } = metricsStore();
  return { contentType: registry.contentType, body: await registry.metrics() };
}
