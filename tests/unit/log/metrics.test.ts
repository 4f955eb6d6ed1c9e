import { describe, expect, it, vi } from "vitest";
import { metrics, metricsText, routeTemplate } from "@/lib/log";

const PROJECT = "3f0c9a52-6a59-4c1e-9a8e-0b5f7c2d1e44";

describe("routeTemplate", () => {
  it("puts each route param's name where its value stands", () => {
    expect(routeTemplate(`/api/projects/${PROJECT}/files/src/app.tsx`, { projectId: PROJECT, path: ["src", "app.tsx"] }))
      .toBe("/api/projects/{projectId}/files/{path}");
    expect(routeTemplate(`/api/projects/${PROJECT}/db/tables/todos/rows`, { projectId: PROJECT, table: "todos" }))
      .toBe("/api/projects/{projectId}/db/tables/{table}/rows");
  });

  it("matches a param equal to a folder name at its own place, right to left", () => {
    expect(routeTemplate(`/api/projects/${PROJECT}/functions/functions/invoke`, { projectId: PROJECT, name: "functions" }))
      .toBe("/api/projects/{projectId}/functions/{name}/invoke");
  });

  it("matches percent-encoded segments against their decoded params", () => {
    expect(routeTemplate(`/api/projects/${PROJECT}/files/my%20file.ts`, { projectId: PROJECT, path: ["my file.ts"] }))
      .toBe("/api/projects/{projectId}/files/{path}");
  });

  it("templates an app origin's function path whether or not the rewrite shows in the URL", () => {
    const params = { slug: "todo-app", env: "prod", name: "todos", path: ["items", "7"] };
    expect(routeTemplate("/apps-host/todo-app/prod/myco-fn/todos/items/7", params)).toBe("/apps-host/{slug}/{env}/myco-fn/{name}/{path}");
    expect(routeTemplate("/_fn/todos/items/7", params)).toBe("/_fn/{name}/{path}");
  });

  it("replaces ids and odd values without params, so raw paths never become labels", () => {
    expect(routeTemplate(`/api/projects/${PROJECT}/history/0123456789abcdef0123456789abcdef01234567/restore`))
      .toBe("/api/projects/{id}/history/{id}/restore");
    expect(routeTemplate("/api/tokens/42")).toBe("/api/tokens/{id}");
    expect(routeTemplate("/api/files/some file?.ts")).toBe("/api/files/{value}");
    expect(routeTemplate("/a/b/c/d/e/f/g/h/i/j/k/l/m")).toBe("/a/b/c/d/e/f/g/h/i/j/{rest}");
    expect(routeTemplate("/")).toBe("/");
  });

  it("skips a param whose value is not in the path", () => {
    expect(routeTemplate("/api/nothing", { path: ["else"] })).toBe("/api/nothing");
  });
});

describe("metricsText", () => {
  it("lists every Myco metric with its help text, and the default process metrics", async () => {
    metrics.httpRequest("/api/health", "GET", 200, 0.003);
    metrics.httpRequest("/api/health", "BREW", 405, 0.001);
    metrics.functionInvocation(PROJECT, "timeout", 5);
    metrics.agentRun("completed", [{ provider: "offline", promptTokens: 120, completionTokens: 30 }, { provider: "llm.tenant-7.example:8443", promptTokens: 5, completionTokens: 1 }]);
    metrics.build("function", 0.2);
    metrics.rateLimitRefused("writes");
    const stop = metrics.gaugeSource("functionRunners", () => 2);
    metrics.gaugeSource("functionRunners", () => 1);
    metrics.gaugeSource("dbPool", () => ({ total: 4, idle: 3, waiting: 0 }));
    const { contentType, body } = await metricsText();
    expect(contentType).toMatch(/^text\/plain/);
    for (const name of [
      "myco_http_requests_total", "myco_http_request_duration_seconds", "myco_function_invocations_total", "myco_function_duration_seconds",
      "myco_agent_runs_total", "myco_agent_tokens_total", "myco_build_duration_seconds", "myco_rate_limit_refusals_total",
      "myco_function_runners", "myco_tenant_db_runners", "myco_db_pool_connections", "myco_process_cpu_seconds_total", "myco_nodejs_heap_size_used_bytes",
    ]) {
      expect(body).toMatch(new RegExp(`^# HELP ${name} \\S`, "m"));
    }
    expect(body).toContain('myco_http_requests_total{route="/api/health",method="GET",status="200"} 1');
    expect(body).toContain('myco_http_requests_total{route="/api/health",method="other",status="405"} 1');
    expect(body).toContain(`myco_function_invocations_total{project="${PROJECT}",outcome="timeout"} 1`);
    expect(body).toContain(`myco_function_duration_seconds_bucket{le="10",project="${PROJECT}",outcome="timeout"} 1`);
    expect(body).toContain('myco_agent_tokens_total{kind="prompt",provider="offline"} 120');
    expect(body).toContain('myco_agent_tokens_total{kind="completion",provider="offline"} 30');
    // A project's own endpoint is "custom": tenants neither add series nor show their hosts.
    expect(body).toContain('myco_agent_tokens_total{kind="prompt",provider="custom"} 5');
    expect(body).not.toContain("tenant-7");
    expect(body).toContain('myco_rate_limit_refusals_total{limit="writes"} 1');
    expect(body).toMatch(/^myco_function_runners 3$/m);
    expect(body).toContain('myco_db_pool_connections{state="idle"} 3');
    stop();
    expect((await metricsText()).body).toMatch(/^myco_function_runners 1$/m);
  });

  it("keeps one registry per process when the module is loaded twice (as Next's bundles do)", async () => {
    const first = (await import("@/lib/log/metrics-registry")).metricsStore();
    vi.resetModules();
    const second = (await import("@/lib/log/metrics-registry")).metricsStore();
    expect(second).toBe(first);
    expect(second.registry.getSingleMetric("myco_http_requests_total")).toBeDefined();
  });
});
