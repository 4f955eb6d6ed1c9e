// Watching a run from somewhere else than the stream that started it (another tab, person or node):
// what it streamed so far, then its live events, until `done`; an ended run answers from its record.
// The cross-node path is tests/e2e/multi-node.spec.ts; this one holds on either coordination backend.
import { afterAll, describe, expect, it } from "vitest";
import { GET as eventsRoute } from "@/app/api/projects/[projectId]/agent/runs/[runId]/events/route";
import { openAiProvider, startAgentRun, stopAgentRun, watchAgentRun, type RunStreamEvent } from "@/lib/agent";
import { authorize } from "@/lib/auth";
import { shutdownRuntime } from "@/lib/functions";
import { log } from "@/lib/log";
import { createTestProject, signUpUser } from "@/tests/support/accounts";
import { IDE_ORIGIN, call } from "@/tests/support/http";
import { useFakeLlm, type FakeLlmServer } from "@/tests/support/fake-llm-server";

afterAll(() => shutdownRuntime());
const fake = useFakeLlm();

async function setup(name: string) {
  const owner = await signUpUser(name);
  const project = await createTestProject(owner, `${name} app`);
  const scope = await authorize({ userId: owner.id, email: owner.email, name, isAdmin: false, via: "token" }, project.id, "owner");
  return { owner, project, scope };
}

const model = (server: FakeLlmServer) => openAiProvider({ name: "scripted", baseURL: server.baseURL, apiKey: "k", model: "scripted-model", timeoutMs: 60_000 });

/** The runs this process's watchers follow (watch-run.ts keeps them process-wide). */
const followed = () => (globalThis as unknown as Record<symbol, Map<string, unknown>>)[Symbol.for("myco.agent.runFollowers")] ?? new Map();

/** Reads `stream` in the background; `until` resolves once an event `match` accepts has arrived. */
function collect(stream: AsyncIterable<RunStreamEvent>) {
  const events: RunStreamEvent[] = [];
  const waiters: { match: (e: RunStreamEvent) => boolean; resolve: () => void }[] = [];
  const ended = (async () => {
    for await (const e of stream) {
      events.push(e);
      for (const w of waiters.filter((w) => w.match(e))) w.resolve();
    }
  })();
  return {
    events,
    ended,
    until: (match: (e: RunStreamEvent) => boolean) => (events.some(match) ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ match, resolve }))),
  };
}

/** The transcript a builder page would show: text joined per step, tool calls with their results. */
function transcript(events: RunStreamEvent[]): string[] {
  const out: string[] = [];
  for (const { event, data } of events) {
    const d = data as Record<string, string>;
    const last = out.length - 1;
    if (event === "text" && out[last]?.startsWith("text:")) out[last] += d.delta ?? "";
    else if (event === "text") out.push(`text:${d.delta ?? ""}`);
    else if (event === "tool_call") out.push(`call:${d.name}`);
    else if (event === "tool_result") out.push(`result:${d.id}`);
    else if (event === "done") out.push(`done:${d.reason}`);
  }
  return out;
}

// Longer than one message between nodes, with characters of several bytes and JSON escapes.
const LONG = `Reading the blueprint first. ${'Plan: "é" 😀 \\ \n'.repeat(400)}Then the component.`;
const BIG = `export default function Big() {\n  return <pre>{${JSON.stringify("x".repeat(20_000))}}</pre>;\n}\n`;

describe("watching an agent run", () => {
  it("joined mid-run: what was streamed so far, then live events, until the stop's done; the same transcript as the starter's", async () => {
    const { scope } = await setup("Watcher");
    const server = await fake(
      { text: LONG, chunkSize: 40, toolCalls: [{ name: "read_blueprint", arguments: "{}" }] },
      { text: "Now the big one.", toolCalls: [{ name: "write_component", arguments: JSON.stringify({ name: "Big", code: BIG }) }] },
      { hang: true },
    );
    const starter = collect(await startAgentRun(scope, { prompt: "Add a big component" }, { log, signal: new AbortController().signal, provider: model(server) }));
    await starter.until((e) => e.event === "tool_result" && (e.data as { files: string[] }).files.includes("components/Big.tsx"));
    const runId = (starter.events[0]?.data as { id: string }).id;

    const watcher = collect(await watchAgentRun(scope, runId, new AbortController().signal));
    await watcher.until((e) => e.event === "tool_result" && (e.data as { files: string[] }).files.includes("components/Big.tsx"));
    expect(watcher.events[0]).toMatchObject({ event: "run", data: { id: runId, prompt: "Add a big component", watching: true } });
    // Joined on the driving node, so a late watcher gets a few events, not every token.
    const texts = (events: RunStreamEvent[]) => events.filter((e) => e.event === "text").length;
    expect(texts(watcher.events)).toBeLessThan(texts(starter.events) / 10);
    const big = watcher.events.find((e) => e.event === "tool_call" && (e.data as { name: string }).name === "write_component")?.data as { arguments: string; truncated?: boolean };
    expect(big.truncated).toBe(true); // one event fits one message between nodes
    expect(Buffer.byteLength(big.arguments)).toBeLessThan(6_000);

    expect(await stopAgentRun(scope, runId)).toBe(true);
    await Promise.all([starter.ended, watcher.ended]);
    expect(watcher.events.at(-1)).toMatchObject({ event: "done", data: { reason: "aborted" } });
    expect(transcript(watcher.events)).toEqual(transcript(starter.events));
  });

  it("a run that has ended answers its record: run, then done", async () => {
    const { scope } = await setup("Ended");
    const server = await fake({ text: "Nothing to change." });
    const starter = collect(await startAgentRun(scope, { prompt: "Say hello" }, { log, signal: new AbortController().signal, provider: model(server) }));
    await starter.ended;
    const runId = (starter.events[0]?.data as { id: string }).id;
    const done = starter.events.at(-1)?.data as { reason: string; summary: string };

    const watcher = collect(await watchAgentRun(scope, runId, new AbortController().signal));
    await watcher.ended;
    expect(watcher.events.map((e) => e.event)).toEqual(["run", "done"]);
    expect(watcher.events[1]?.data).toMatchObject({ reason: done.reason, summary: done.summary, commitSha: null });
  });

  it("a watcher who leaves stops following, and the run goes on for the others", async () => {
    const { scope } = await setup("Leaver");
    const server = await fake({ text: "Working on it.", toolCalls: [{ name: "read_blueprint", arguments: "{}" }] }, { hang: true });
    const starter = collect(await startAgentRun(scope, { prompt: "Work" }, { log, signal: new AbortController().signal, provider: model(server) }));
    await starter.until((e) => e.event === "tool_result");
    const runId = (starter.events[0]?.data as { id: string }).id;
    const leaving = new AbortController();
    const stream = await watchAgentRun(scope, runId, leaving.signal);
    expect(followed().has(runId)).toBe(false); // nothing is followed before the stream is read (a refused stream costs nothing)
    const watcher = collect(stream);
    await watcher.until((e) => e.event === "tool_result");
    leaving.abort();
    await watcher.ended;
    expect(watcher.events.some((e) => e.event === "done")).toBe(false);
    expect(followed().has(runId)).toBe(false);
    expect(await stopAgentRun(scope, runId)).toBe(true);
    await starter.ended;
    expect(starter.events.at(-1)).toMatchObject({ event: "done", data: { reason: "aborted" } });
  });

  it("over HTTP: the project's own run streams; another project's run and a made-up id are refused", async () => {
    const { owner, project, scope } = await setup("Routes");
    const other = await setup("Stranger");
    const server = await fake({ text: "Done here." });
    const starter = collect(await startAgentRun(scope, { prompt: "Hi" }, { log, signal: new AbortController().signal, provider: model(server) }));
    await starter.ended;
    const runId = (starter.events[0]?.data as { id: string }).id;

    const req = new Request(`${IDE_ORIGIN}/api/watch`, { headers: { authorization: `Bearer ${owner.token}`, accept: "text/event-stream" } });
    const own = await eventsRoute(req, { params: Promise.resolve({ projectId: project.id, runId }) });
    expect(own.status).toBe(200);
    expect(own.headers.get("content-type")).toContain("text/event-stream");
    expect(await own.text()).toMatch(/event: run\n[^]*event: done\n/);
    const foreign = await call(eventsRoute, { token: other.owner.token, params: { projectId: other.project.id, runId } });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.field).toBe("runId");
    const outsider = await call(eventsRoute, { token: other.owner.token, params: { projectId: project.id, runId } });
    expect(outsider.status).toBe(404);
    const badId = await call(eventsRoute, { token: owner.token, params: { projectId: project.id, runId: "not-a-uuid" } });
    expect(badId.status).toBe(400);
    expect(badId.body.error.field).toBe("runId");
  });
});
