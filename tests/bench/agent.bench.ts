// From a typed request to a running app: the agent run (POST .../agent/runs, streamed to `done`), then
// the app's page and its function answering on the app origin, with the offline provider and with an
// OpenAI-compatible server that streams a model's answer instantly (so only Myco's own time is counted).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseRequest } from "@/lib/agent/offline/parse-request";
import { planApp } from "@/lib/agent/offline/plan-app";
import { toToolCalls } from "@/lib/agent/offline/to-tool-calls";
import { startFakeLlmServer, type FakeLlmServer, type FakeResponse } from "@/tests/support/model-server";
import { percentile, report } from "./measure";
import { request, startServer, type BenchServer } from "./server";

const RUNS = 5;
const REQUEST = "a todo app with title, due date and priority";
let model: FakeLlmServer;
const servers: BenchServer[] = [];

function modelAnswer(): FakeResponse[] {
  const calls = toToolCalls(planApp(parseRequest(REQUEST))).map((c) => ({ name: c.name, arguments: JSON.stringify(c.arguments) }));
  return [{ text: "Building it.", toolCalls: calls, chunkSize: 40, usage: { promptTokens: 2000, completionTokens: 3000 } }, { text: "Done.", usage: { promptTokens: 6000, completionTokens: 5 } }];
}

async function signUp(server: BenchServer): Promise<string> {
  const ide = { port: server.port, host: server.ideHost };
  const email = `bench-agent-${Date.now()}-${Math.random()}@example.test`;
  const password = "a long enough password";
  await request({ ...ide, path: "/api/auth/signup", method: "POST", body: { email, password, name: "Bench" } });
  return JSON.parse((await request({ ...ide, path: "/api/tokens", method: "POST", body: { name: "bench", email, password } })).body).token;
}

/** Milliseconds to the stream's `done` and to the app answering (page shell, then its function), for a new project. */
async function requestToRunningApp(server: BenchServer, token: string, i: number): Promise<{ run: number; app: number }> {
  const ide = { port: server.port, host: server.ideHost };
  const project = JSON.parse((await request({ ...ide, path: "/api/projects", method: "POST", body: { name: `Bench agent ${i}` }, token })).body);
  const app = { port: server.port, host: server.appHost(project.slug) };
  const started = performance.now();
  const stream = await request({ ...ide, path: `/api/projects/${project.id}/agent/runs`, method: "POST", body: { prompt: REQUEST }, token });
  const run = performance.now() - started;
  expect(stream.body).toMatch(/event: done\ndata: \{"reason":"completed"/);
  const shell = await request({ ...app, path: "/", method: "GET" });
  expect(shell.body).toContain("Add todo");
  expect((await request({ ...app, path: "/_fn/todos", method: "GET" })).status).toBe(200);
  return { run, app: performance.now() - started };
}

beforeAll(async () => {
  model = await startFakeLlmServer();
  servers.push(await startServer(3230, { AGENT_RUNS_PER_MINUTE: "1000" }));
  servers.push(await startServer(3231, { AGENT_RUNS_PER_MINUTE: "1000", AI_BASE_URL: model.baseURL, AI_MODEL: "bench-model" }));
}, 240_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await model?.close();
});

describe("agent", () => {
  it.each([["offline provider", 0], ["scripted model server", 1]] as const)("time from request to running app, %s", async (label, index) => {
    const server = servers[index];
    if (!server) throw new Error("server did not start");
    const token = await signUp(server);
    const runs: number[] = [];
    const apps: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      if (index === 1) model.enqueue(...modelAnswer());
      const t = await requestToRunningApp(server, token, i);
      runs.push(t.run);
      apps.push(t.app);
    }
    report(`agent request → running app (${label})`, {
      runs: RUNS,
      run_done_p50_ms: percentile(runs, 50),
      run_done_max_ms: Math.max(...runs),
      app_answering_p50_ms: percentile(apps, 50),
      app_answering_max_ms: Math.max(...apps),
    });
  });
});
