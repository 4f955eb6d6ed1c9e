import { serverModel, SERVER_PROVIDER } from "./model-env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getModel, PUT as putModel } from "@/app/api/projects/[projectId]/model/route";
import { POST as testModel } from "@/app/api/projects/[projectId]/model/test/route";
import { POST as runRoute } from "@/app/api/projects/[projectId]/agent/runs/route";
import { POST as invite } from "@/app/api/projects/[projectId]/members/route";
import { getDb } from "@/lib/db";
import { shutdownRuntime } from "@/lib/functions";
import { openSealed } from "@/lib/security";
import { createTestProject, signUpUser, type TestUser } from "@/tests/support/accounts";
import { startFakeLlmServer, useFakeLlm } from "@/tests/support/fake-llm-server";
import { call } from "@/tests/support/http";
import { postStream } from "@/tests/support/sse";

afterAll(async () => {
  await serverModel.close();
  await shutdownRuntime();
});
const fake = useFakeLlm();

type Team = { owner: TestUser; editor: TestUser; viewer: TestUser; stranger: TestUser; params: { projectId: string } };
let team: Team;

beforeAll(async () => {
  const [owner, editor, viewer, stranger] = await Promise.all(["Owner", "Editor", "Viewer", "Stranger"].map((n) => signUpUser(`Model ${n}`)));
  if (!owner || !editor || !viewer || !stranger) throw new Error("sign-up failed");
  const project = await createTestProject(owner, "Model settings");
  const params = { projectId: project.id };
  for (const [user, role] of [[editor, "editor"], [viewer, "viewer"]] as const) {
    expect((await call(invite, { method: "POST", token: owner.token, params, body: { email: user.email, role } })).status).toBe(201);
  }
  team = { owner, editor, viewer, stranger, params };
});

const put = (user: TestUser, body: unknown, params = team.params) => call(putModel, { method: "PUT", token: user.token, params, body });
const get = (user: TestUser, params = team.params) => call(getModel, { token: user.token, params });
const test = (user: TestUser, params = team.params) => call(testModel, { method: "POST", token: user.token, params });

async function freshProject(name: string): Promise<{ owner: TestUser; params: { projectId: string } }> {
  const owner = await signUpUser(name);
  return { owner, params: { projectId: (await createTestProject(owner, name)).id } };
}

describe("the project's model setting", () => {
  it("starts at the server's default and lists the server's providers, to every member", async () => {
    const res = await get(team.viewer);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ choice: { kind: "default" }, serverProviders: [{ name: SERVER_PROVIDER, model: "server-model" }] });
  });

  it("stores a custom key sealed, never answers it, and keeps it while the origin stays the same", async () => {
    const { owner, params } = await freshProject("Sealed key");
    const key = "sk-very-secret-key-123";
    const set = await put(owner, { kind: "custom", baseUrl: "http://127.0.0.1:9/v1", model: "my-model", apiKey: key }, params);
    expect(set.status).toBe(200);
    expect(set.body.choice).toEqual({ kind: "custom", baseUrl: "http://127.0.0.1:9/v1", model: "my-model", hasKey: true });
    const read = await get(owner, params);
    expect(JSON.stringify([set.body, read.body])).not.toContain(key);

    const db = await getDb();
    const row = await db.projectAiModel.findUniqueOrThrow({ where: { projectId: params.projectId } });
    expect(row.keyCiphertext).toMatch(/^v1:/);
    expect(row.keyCiphertext).not.toContain(key);
    expect(openSealed(`${params.projectId}:ai-model-key`, row.keyCiphertext ?? "")).toBe(key);
    // Bound to its project: the same ciphertext does not open for another.
    expect(() => openSealed(`${team.params.projectId}:ai-model-key`, row.keyCiphertext ?? "")).toThrow();

    const renamed = await put(owner, { kind: "custom", baseUrl: "http://127.0.0.1:9/v2", model: "other-model" }, params);
    expect(renamed.body.choice).toMatchObject({ model: "other-model", hasKey: true });
    expect((await db.projectAiModel.findUniqueOrThrow({ where: { projectId: params.projectId } })).keyCiphertext).toBe(row.keyCiphertext);
    // A key is never sent to an origin it was not given for.
    const moved = await put(owner, { kind: "custom", baseUrl: "http://127.0.0.1:10/v1", model: "other-model" }, params);
    expect(moved.body.choice).toMatchObject({ hasKey: false });

    const audit = await db.auditEvent.findMany({ where: { projectId: params.projectId, action: "ai_model.changed" } });
    expect(audit).toHaveLength(3);
    expect(JSON.stringify(audit)).not.toContain(key);
    expect(audit.map((a) => (a.data as { keyChanged: boolean }).keyChanged).sort()).toEqual([false, true, true]);
  });

  it("lets only owners change it; editors test it; viewers read it; strangers see nothing", async () => {
    const body = { kind: "server", provider: SERVER_PROVIDER };
    expect((await put(team.editor, body)).status).toBe(403);
    expect((await put(team.viewer, body)).status).toBe(403);
    expect((await put(team.stranger, body)).status).toBe(404);
    expect((await get(team.stranger)).status).toBe(404);
    expect((await test(team.stranger)).status).toBe(404);
    expect((await test(team.viewer)).status).toBe(403);
    expect((await put(team.owner, body)).body.choice).toEqual(body);
    expect((await get(team.viewer)).body.choice).toEqual(body);
    serverModel.enqueue({ text: "OK" });
    expect((await test(team.editor)).body).toMatchObject({ ok: true, model: "server-model" });
    expect((await put(team.owner, { kind: "default" })).body.choice).toEqual({ kind: "default" });
  });

  it.each([
    [{ kind: "custom", baseUrl: "ftp://example.com/v1", model: "m" }, "baseUrl"],
    [{ kind: "custom", baseUrl: "not a url", model: "m" }, "baseUrl"],
    [{ kind: "custom", baseUrl: `https://example.com/${"v".repeat(500)}`, model: "m" }, "baseUrl"],
    [{ kind: "custom", baseUrl: "https://user:pw@example.com/v1", model: "m" }, "baseUrl"],
    [{ kind: "custom", baseUrl: "https://example.com/v1", model: "" }, "model"],
    [{ kind: "custom", baseUrl: "https://example.com/v1", model: "m", apiKey: "" }, "apiKey"],
    [{ kind: "custom", baseUrl: "https://example.com/v1", model: "m", extra: 1 }, "extra"],
    [{ kind: "server", provider: "nobody" }, "provider"],
    [{ kind: "magic" }, "kind"],
  ])("refuses %j with 400 naming %s", async (body, field) => {
    const res = await put(team.owner, body);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "bad_request", field });
  });

  it.each(["http://10.0.0.5/v1", "http://169.254.169.254/latest", "http://192.168.1.20:11434/v1", "http://[::1]:8080/v1", "http://127.0.0.2/v1", "http://localhost:8080/v1"])(
    "refuses the private address %s unless the operator allows it",
    async (baseUrl) => {
      const res = await put(team.owner, { kind: "custom", baseUrl, model: "m" });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ field: "baseUrl", message: expect.stringContaining("private or reserved") });
    },
  );
});

describe("testing the connection", () => {
  it("answers ok with the latency against a working endpoint, sending the model and key", async () => {
    const { owner, params } = await freshProject("Test ok");
    const server = await fake({ text: "OK" });
    await put(owner, { kind: "custom", baseUrl: server.baseURL, model: "tiny-model", apiKey: "sk-test-key" }, params);
    const res = await test(owner, params);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, latencyMs: expect.any(Number), model: "tiny-model" });
    expect(server.requests[0]?.body.model).toBe("tiny-model");
    expect(server.requests[0]?.headers.authorization).toBe("Bearer sk-test-key");
  });

  it("answers ok: false with a plain message for a closed port and for a refused key", async () => {
    const { owner, params } = await freshProject("Test fail");
    const closed = await startFakeLlmServer();
    await closed.close();
    const port = new URL(closed.baseURL).port;
    await put(owner, { kind: "custom", baseUrl: closed.baseURL, model: "m" }, params);
    const down = await test(owner, params);
    expect(down.status).toBe(200);
    expect(down.body).toEqual({ ok: false, message: `Could not connect to 127.0.0.1:${port}: nothing answered there. Check the base URL and that the server is running.` });

    const server = await fake({ status: 401 });
    await put(owner, { kind: "custom", baseUrl: server.baseURL, model: "m", apiKey: "wrong" }, params);
    const refused = await test(owner, params);
    expect(refused.body).toEqual({ ok: false, message: expect.stringContaining("refused the API key (HTTP 401)") });
    expect(refused.body.message).not.toMatch(/\/work|\/tmp|node_modules|at \w+ \(|scripted 401/);
  });
});

describe("a stored key that no longer opens", () => {
  it("makes the test answer ok: false asking for the key again, and refuses runs with 422 naming apiKey", async () => {
    const { owner, params } = await freshProject("Stale key");
    const server = await fake();
    await put(owner, { kind: "custom", baseUrl: server.baseURL, model: "m", apiKey: "sk-old" }, params);
    // As if MYCO_SECRETS_KEY had been replaced: the sealed value no longer authenticates.
    const db = await getDb();
    await db.projectAiModel.update({ where: { projectId: params.projectId }, data: { keyCiphertext: "v1:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAA==:AAAA" } });
    expect((await test(owner, params)).body).toEqual({ ok: false, message: expect.stringContaining("enter it again") });
    const run = await postStream(runRoute, { params, token: owner.token, body: { prompt: "anything" } });
    expect(run.status).toBe(422);
    expect(run.body.error).toMatchObject({ field: "apiKey" });
    expect(server.requests).toHaveLength(0);
  });
});

describe("agent runs", () => {
  it("use the project's own endpoint with its model and key", async () => {
    const { owner, params } = await freshProject("Custom run");
    const server = await fake({ text: "Nothing to change.", usage: { promptTokens: 321, completionTokens: 12 } });
    await put(owner, { kind: "custom", baseUrl: server.baseURL, model: "custom-model", apiKey: "sk-run-key" }, params);
    const res = await postStream(runRoute, { params, token: owner.token, body: { prompt: "say hello" } });
    expect(res.events[0]).toMatchObject({ event: "run", data: { provider: new URL(server.baseURL).host, model: "custom-model" } });
    expect(res.events.at(-1)).toMatchObject({ event: "done", data: { reason: "completed", usage: { promptTokens: 321, completionTokens: 12 } } });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.body.model).toBe("custom-model");
    expect(server.requests[0]?.headers.authorization).toBe("Bearer sk-run-key");
  });

  it("use the server provider the project chose by name", async () => {
    const { owner, params } = await freshProject("Server run");
    await put(owner, { kind: "server", provider: SERVER_PROVIDER }, params);
    serverModel.enqueue({ text: "Done." });
    const before = serverModel.requests.length;
    const res = await postStream(runRoute, { params, token: owner.token, body: { prompt: "say hello" } });
    expect(res.events.at(-1)).toMatchObject({ event: "done", data: { reason: "completed" } });
    expect(serverModel.requests.slice(before).map((r) => r.body.model)).toEqual(["server-model"]);
  });
});
