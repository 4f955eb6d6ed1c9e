// The process's one Prometheus registry. Next bundles instrumentation and route handlers separately, so a
// module could load twice in one process: the registry and the gauges' sources live on globalThis.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/** What a gauge reads at scrape time: a number, or one number per `state` label. */
export type GaugeSource = () => number | Record<string, number>;

/** The gauges other modules feed through sources (lib/log imports none of them). */
export type GaugeName = "functionRunners" | "tenantDbRunners" | "dbPool";

const SECONDS_FAST = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const SECONDS_SLOW = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

function createMetrics(registry: Registry, sources: Map<GaugeName, Set<GaugeSource>>) {
  const registers = [registry];
  // A source per copy of the module that feeds it (see above): the values add up.
  const read = (name: GaugeName): Map<string, number> => {
    const totals = new Map<string, number>();
    for (const source of sources.get(name) ?? []) {
      const value = source();
      const entries = typeof value === "number" ? [["", value] as const] : Object.entries(value);
      for (const [state, n] of entries) totals.set(state, (totals.get(state) ?? 0) + n);
    }
    return totals;
  };
  const plainGauge = (name: string, help: string, source: GaugeName) =>
    new Gauge({ name, help, registers, collect() { this.set(read(source).get("") ?? 0); } });
  return {
    httpRequests: new Counter({ name: "myco_http_requests_total", help: "HTTP requests answered by route(), by route template, method and status.", labelNames: ["route", "method", "status"] as const, registers }),
    httpDuration: new Histogram({ name: "myco_http_request_duration_seconds", help: "Time route() took to answer, by route template and method.", labelNames: ["route", "method"] as const, buckets: SECONDS_FAST, registers }),
    functionInvocations: new Counter({ name: "myco_function_invocations_total", help: "Tenant function invocations, by project id and outcome (ok or the error code).", labelNames: ["project", "outcome"] as const, registers }),
    functionDuration: new Histogram({ name: "myco_function_duration_seconds", help: "Wall time of tenant function invocations, by project id and outcome.", labelNames: ["project", "outcome"] as const, buckets: SECONDS_FAST, registers }),
    agentRuns: new Counter({ name: "myco_agent_runs_total", help: "Agent runs ended, by the reason they stopped.", labelNames: ["outcome"] as const, registers }),
    agentTokens: new Counter({ name: "myco_agent_tokens_total", help: "Model tokens agent runs spent, by kind (prompt or completion) and provider.", labelNames: ["kind", "provider"] as const, registers }),
    buildDuration: new Histogram({ name: "myco_build_duration_seconds", help: "esbuild builds, by kind (function, component or other).", labelNames: ["kind"] as const, buckets: SECONDS_SLOW, registers }),
    rateLimitRefusals: new Counter({ name: "myco_rate_limit_refusals_total", help: "Requests refused by a rate limit, by limit.", labelNames: ["limit"] as const, registers }),
    functionRunners: plainGauge("myco_function_runners", "Function runner processes alive.", "functionRunners"),
    tenantDbRunners: plainGauge("myco_tenant_db_runners", "Tenant SQLite runner processes alive.", "tenantDbRunners"),
    dbPool: new Gauge({
      name: "myco_db_pool_connections", help: "Registry database connections by state: total, idle, waiting (PGlite: one).", labelNames: ["state"] as const, registers,
      collect() {
        this.reset();
        for (const [state, n] of read("dbPool")) this.set({ state }, n);
      },
    }),
  };
}

/** The metrics route(), functions, agent runs, builds and rate limits record into. */
export type Metrics = ReturnType<typeof createMetrics>;

type MetricsStore = { registry: Registry; metrics: Metrics; sources: Map<GaugeName, Set<GaugeSource>> };

const STORE = Symbol.for("myco.metrics");

/** The process-wide registry, its metrics and the gauges' sources, made on first use. */
export function metricsStore(): MetricsStore {
  const global = globalThis as typeof globalThis & { [STORE]?: MetricsStore };
  if (!global[STORE]) {
    const registry = new Registry();
    const sources = new Map<GaugeName, Set<GaugeSource>>();
    collectDefaultMetrics({ register: registry, prefix: "myco_" });
    global[STORE] = { registry, sources, metrics: createMetrics(registry, sources) };
  }
  return global[STORE];
}
