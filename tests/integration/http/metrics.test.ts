import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMetricsListener, type MetricsListener } from "@/lib/http";
import { GET as health } from "@/app/api/health/route";
import { GET as listFunctions } from "@/app/api/projects/[projectId]/functions/route";
import { POST as invokeRoute } from "@/app/api/projects/[projectId]/functions/[name]/invoke/route";
import { shutdownRuntime } from "@/lib/functions";
import { enforceLimit } from "@/lib/security";
import { call } from "@/tests/support/http";
import { createTestProject, signUpUser } from "@/tests/support/accounts";
import { putFile } from "@/tests/support/workspace";
import { PUT as putModel } from "@/app/api/projects/[projectId]/model/route";
import { POST as runRoute } from "@/app/api/projects/[projectId]/agent/runs/route";
import { useFakeLlm } from "@/tests/support/fake-llm-server";
import { postStream } from "@/tests/support/sse";

/** A port nothing listens on right now (the listener treats 0 as "off", so tests pick one). */
async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

let listener: MetricsListener;
const fakeLlm = useFakeLlm();

async function scrape(path = "/metrics", method = "GET"): Promise<{ status: number; type: string | null; text: string }> {
  const res = await fetch(`http://127.0.0.1:${listener.port}${path}`, { method });
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
}

/** The value of one sample line, e.g. `myco_http_requests_total{route="/api/health",method="GET",status="200"}`; 0 when absent. */
function sample(text: string, series: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

beforeAll(async () => {
  const started = await startMetricsListener(await freePort(), "127.0.0.1");
  if (!started) throw new Error("the metrics listener did not start");
  listener = started;
});

afterAll(async () => {
  await listener.close();
  await shutdownRuntime();
});

describe("the metrics listener", () => {
  it("counts requests route() answers by route template, with a duration histogram", async () => {
    const healthSeries = 'myco_http_requests_total{route="/api/health",method="GET",status="200"}';
    const before = sample((await scrape()).text, healthSeries);
    await call(health, { path: "/api/health" });
    await call(health, { path: "/api/health" });
    const projectId = "6d1f3c2a-0b7e-4c55-9f1a-2e8d4b6a9c10";
    const refused = await call(listFunctions, { path: `/api/projects/${projectId}/functions`, params: { projectId } });
    expect(refused.status).toBe(401);
    const { status, type, text } = await scrape();
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sample(text, healthSeries)).toBe(before + 2);
    expect(sample(text, 'myco_http_requests_total{route="/api/projects/{projectId}/functions",method="GET",status="401"}')).toBe(1);
    expect(text).not.toContain(projectId);
    expect(sample(text, 'myco_http_request_duration_seconds_bucket{le="+Inf",route="/api/health",method="GET"}')).toBe(before + 2);
    expect(text).toMatch(/^myco_http_request_duration_seconds_bucket\{le="0\.005",route="\/api\/health",method="GET"\} \d+$/m);
    expect(text).toContain("myco_process_resident_memory_bytes");
  });

  it("counts a real function invocation by project and outcome, and the function's build", async () => {
    const owner = await signUpUser("Metrics");
    const project = await createTestProject(owner, "Metrics app");
    await putFile(owner, project.id, "functions/hello.ts", "export default function handler() { return { hello: 'world' }; }");
    await putFile(owner, project.id, "functions/boom.ts", "export default function handler() { throw new Error('boom'); }");
    const invoke = (name: string) => call(invokeRoute, { method: "POST", token: owner.token, params: { projectId: project.id, name }, path: `/api/projects/${project.id}/functions/${name}/invoke`, body: {} });
    expect((await invoke("hello")).status).toBe(200);
    await invoke("boom");
    const { text } = await scrape();
    expect(sample(text, `myco_function_invocations_total{project="${project.id}",outcome="ok"}`)).toBe(1);
    expect(sample(text, `myco_function_duration_seconds_count{project="${project.id}",outcome="ok"}`)).toBe(1);
    expect(sample(text, `myco_function_invocations_total{project="${project.id}",outcome="runtime_error"}`)).toBe(1);
    expect(text).toMatch(new RegExp(`^myco_function_duration_seconds_bucket\\{le="0.1",project="${project.id}",outcome="ok"\\} \\d$`, "m"));
    expect(sample(text, 'myco_http_requests_total{route="/api/projects/{projectId}/functions/{name}/invoke",method="POST",status="200"}')).toBe(2);
    expect(sample(text, 'myco_build_duration_seconds_count{kind="function"}')).toBeGreaterThanOrEqual(2);
    expect(sample(text, "myco_function_runners")).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'myco_db_pool_connections{state="total"}')).toBeGreaterThanOrEqual(1);
    // With PostgreSQL (TEST_DATABASE_URL) the pool's own figures; PGlite is one connection.
    if (process.env.DATABASE_URL) expect(text).toMatch(/^myco_db_pool_connections\{state="waiting"\} 0$/m);
    else expect(text).not.toContain('myco_db_pool_connections{state="idle"}');
  });

  it("counts an agent run by how it ended and its tokens by kind and provider", async () => {
    const owner = await signUpUser("Metrics agent");
    const params = { projectId: (await createTestProject(owner, "Metrics agent")).id };
    const server = await fakeLlm({ text: "Nothing to change.", usage: { promptTokens: 1000, completionTokens: 50 } });
    await call(putModel, { method: "PUT", token: owner.token, params, body: { kind: "custom", baseUrl: server.baseURL, model: "counted" } });
    expect((await postStream(runRoute, { params, token: owner.token, body: { prompt: "just answer" } })).events.at(-1)?.event).toBe("done");
    const { text } = await scrape();
    const runs = text.match(/^myco_agent_runs_total\{outcome="(\w+)"\} 1$/m);
    expect(runs?.[1]).toBe("completed");
    // The project's own endpoint (the fake model) is labelled "custom", never by its host.
    expect(sample(text, 'myco_agent_tokens_total{kind="prompt",provider="custom"}')).toBe(1000);
    expect(sample(text, 'myco_agent_tokens_total{kind="completion",provider="custom"}')).toBe(50);
  });

  it("counts a rate limit's refusals under the limit's name", async () => {
    let refusals = 0;
    for (let i = 0; i < 1_000 && refusals < 2; i++) {
      await enforceLimit("tokens", "metrics-test").catch((err: { code?: string }) => {
        expect(err.code).toBe("rate_limited");
        refusals++;
      });
    }
    expect(sample((await scrape()).text, 'myco_rate_limit_refusals_total{limit="tokens"}')).toBe(2);
  });

  it("answers HEAD without a body, and 404 JSON for any other path or method", async () => {
    const head = await scrape("/metrics", "HEAD");
    expect(head.status).toBe(200);
    expect(head.text).toBe("");
    for (const [path, method] of [["/", "GET"], ["/metrics/x", "GET"], ["/api/health", "GET"], ["/metrics", "POST"]] as const) {
      const res = await scrape(path, method);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(JSON.parse(res.text)).toMatchObject({ error: { code: "not_found" } });
    }
  });

  it("starts nothing on port 0, and carries on without metrics when the port is taken", async () => {
    expect(await startMetricsListener(0, "127.0.0.1")).toBeNull();
    expect(await startMetricsListener(listener.port, "127.0.0.1")).toBeNull();
    expect((await scrape()).status).toBe(200);
  });
});
