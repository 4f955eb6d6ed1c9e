// A run is done only when the app works: Myco checks the whole app before a run that changed it may
// complete, feeds problems back to the model, and ends a run that still has them as unverified.
import { afterAll, describe, expect, it } from "vitest";
import { openAiProvider, startAgentRun, type RunStreamEvent } from "@/lib/agent";
import { APP_CHECK_NOTE } from "@/lib/agent/loop";
import { describeJsonError } from "@/lib/agent/tool";
import { typeCheck } from "@/lib/agent/verify/type-check";
import { authorize, type ProjectScope } from "@/lib/auth";
import { getDb } from "@/lib/db";
import { shutdownRuntime } from "@/lib/functions";
import { log } from "@/lib/log";
import { writeFile } from "@/lib/workspace";
import { createTestProject, signUpUser } from "@/tests/support/accounts";
import { useFakeLlm, type FakeLlmServer } from "@/tests/support/fake-llm-server";

afterAll(() => shutdownRuntime());
const fake = useFakeLlm();

async function setup(name: string): Promise<ProjectScope> {
  const owner = await signUpUser(name);
  const project = await createTestProject(owner, `${name} app`);
  return authorize({ userId: owner.id, email: owner.email, name, isAdmin: false, via: "token" }, project.id, "owner");
}

const model = (server: FakeLlmServer) => openAiProvider({ name: "scripted", baseURL: server.baseURL, apiKey: "k", model: "scripted-model", timeoutMs: 5_000 });

async function runWith(scope: ProjectScope, server: FakeLlmServer, prompt: string): Promise<RunStreamEvent[]> {
  const out: RunStreamEvent[] = [];
  for await (const e of await startAgentRun(scope, { prompt }, { log, signal: new AbortController().signal, provider: model(server) })) out.push(e);
  return out;
}

const done = (events: RunStreamEvent[]) => events.at(-1)?.data as { reason: string; summary: string };
const notes = (server: FakeLlmServer) =>
  server.requests.flatMap((r) => (r.body.messages as { role: string; content: string | null }[]).filter((m) => m.role === "user" && m.content?.startsWith(APP_CHECK_NOTE)).map((m) => m.content ?? ""));

const page = (children: unknown[]) => ({ version: 1, name: "Checked", routes: [{ path: "/", page: "home" }], pages: { home: { title: "Checked", body: { id: "root", type: "stack", children } } } });
const BADGE_BAD = 'export default function Badge() {\n  const count: number = "three";\n  return <span>{count}</span>;\n}\n';
const BADGE_GOOD = "export default function Badge() {\n  const count: number = 3;\n  return <span>{count}</span>;\n}\n";

describe("the app check before a run completes", () => {
  it("feeds TypeScript's errors back with file and line, and completes once the model fixed them", async () => {
    const scope = await setup("CheckTypes");
    const server = await fake(
      { toolCalls: [{ name: "write_component", arguments: JSON.stringify({ name: "Badge", code: BADGE_BAD }) }, { name: "update_blueprint", arguments: JSON.stringify({ blueprint: page([{ id: "badge", type: "component", name: "Badge" }]) }) }] },
      { text: "Done." },
      { toolCalls: [{ name: "read_file", arguments: JSON.stringify({ path: "components/Badge.tsx" }) }] },
      { toolCalls: [{ name: "write_component", arguments: JSON.stringify({ name: "Badge", code: BADGE_GOOD }) }] },
      { text: "Fixed the type error." },
    );
    const events = await runWith(scope, server, "a badge");
    expect([...new Set(notes(server))]).toEqual([expect.stringContaining("components/Badge.tsx:2:9 error TS2322: Type 'string' is not assignable to type 'number'.")]);
    expect(done(events)).toMatchObject({ reason: "completed" });
  });

  it("ends a run whose app.json does not parse as unverified, naming the problem, and records it as failed", async () => {
    const scope = await setup("CheckJson");
    const server = await fake(
      { toolCalls: [{ name: "read_file", arguments: JSON.stringify({ path: "app.json" }) }] },
      { toolCalls: [{ name: "write_file", arguments: JSON.stringify({ path: "app.json", content: '{ "version": 1, ' }) }] },
      { text: "Done." },
      { text: "Done." },
    );
    const events = await runWith(scope, server, "break it");
    expect(done(events).reason, JSON.stringify(events.filter((e) => e.event === "tool_result"))).toBe("unverified");
    expect(done(events).summary).toMatch(/The app check found:\n- app\.json is not valid JSON/);
    const runId = (events[0]?.data as { id: string }).id;
    expect(await (await getDb()).agentRun.findUnique({ where: { id: runId } })).toMatchObject({ status: "failed", reason: "unverified" });
  });

  it("smoke-tests every function the pages fetch: a missing one and one that throws are problems", async () => {
    const scope = await setup("CheckSmoke");
    const boom = "export default async function handler() {\n  throw new Error(\"kaboom\");\n}\n";
    const server = await fake(
      { toolCalls: [{ name: "write_function", arguments: JSON.stringify({ name: "boom", code: boom }) }, { name: "update_blueprint", arguments: JSON.stringify({ blueprint: page([{ id: "t", type: "table", data: { function: "boom" }, columns: [{ key: "a", label: "A" }] }, { id: "l", type: "list", data: { function: "ghost" }, itemTemplate: { title: "{{row.a}}" } }]) }) }] },
      { text: "Done." },
      { text: "Done." },
    );
    const events = await runWith(scope, server, "a broken page");
    expect(done(events).reason).toBe("unverified");
    expect(done(events).summary).toMatch(/GET \/_fn\/boom failed: .*kaboom/);
    expect(done(events).summary).toContain('app.json fetches "ghost", but functions/ghost.ts does not exist.');
  });

  it("feeds back high and medium security findings in the files the run wrote, not in files it left alone", async () => {
    const scope = await setup("CheckSecurity");
    await writeFile(scope, "functions/legacy.ts", { content: "export default async () => ({ v: eval(\"1\") });\n", encoding: "utf8", create: false }, log);
    const calc = "export default async function handler(req: { query: Record<string, string> }) {\n  return { result: eval(req.query.expr) };\n}\n";
    const safe = "export default async function handler(req: { query: Record<string, string> }) {\n  return { result: Number(req.query.expr) };\n}\n";
    const server = await fake(
      { toolCalls: [{ name: "write_function", arguments: JSON.stringify({ name: "calc", code: calc }) }] },
      { text: "Done." },
      { toolCalls: [{ name: "write_function", arguments: JSON.stringify({ name: "calc", code: safe }) }] },
      { text: "Fixed." },
    );
    const events = await runWith(scope, server, "a calculator");
    const [note] = notes(server);
    expect(note).toContain("functions/calc.ts:2: eval() runs text as code");
    expect(note).toContain("(security: security/detect-eval-with-expression, high)");
    expect(note).not.toContain("functions/legacy.ts");
    expect(done(events)).toMatchObject({ reason: "completed" });
  });

  it("never lists a write whose build failed as a success", async () => {
    const scope = await setup("CheckBuild");
    const server = await fake(
      { toolCalls: [{ name: "write_component", arguments: JSON.stringify({ name: "Broken", code: "export default function Broken() {\n  return <div>;\n}\n" }) }] },
      { text: "Done." },
      { text: "Done." },
    );
    const events = await runWith(scope, server, "broken");
    expect(events.filter((e) => e.event === "tool_result").map((e) => (e.data as { ok: boolean }).ok)).toEqual([false]);
    expect(done(events)).toMatchObject({ reason: "unverified", summary: expect.stringMatching(/No tool call succeeded\. Failed: write_component/) });
  });
});

describe("the type check's jail", () => {
  it("reads no file of the server that tenant code names", async () => {
    const scope = await setup("CheckJail");
    const code = '/// <reference path="/etc/hostname" />\nimport secret from "../../../../../etc/hostname";\nimport other from "../../data/auth-secret";\nexport default function Leak() {\n  return <p>{String(secret)}{String(other)}</p>;\n}\n';
    await writeFile(scope, "components/Leak.tsx", { content: code, encoding: "utf8", create: false }, log);
    const errors = (await typeCheck(scope)).join("\n");
    expect(errors).toMatch(/components\/Leak\.tsx:1:\d+ error TS6\d+: .*\/etc\/hostname/);
    const hostname = (await import("node:fs")).readFileSync("/etc/hostname", "utf8").trim();
    expect(errors).not.toContain(hostname);
  });
});

describe("malformed tool arguments", () => {
  it("tell the model where the JSON breaks", () => {
    const raw = '{"name": "notes",\n "code": "x" "more": 1}';
    let error: unknown;
    try {
      JSON.parse(raw);
    } catch (err) {
      error = err;
    }
    expect(describeJsonError(raw, error)).toMatch(/^the arguments are not valid JSON at line 2, column 14 \(character 31\): .+ Near: .*"x" ⟨here⟩"more"/);
  });
});
