import { randomUUID } from "node:crypto";
import { fitPlanToProject, readManifest, type ProjectState } from "../offline/fit-to-project";
import { parseRequest } from "../offline/parse-request";
import { planApp, type AppPlan } from "../offline/plan-app";
import { toToolCalls, type PlannedToolCall } from "../offline/to-tool-calls";
import type { ChatMessage, ChatProvider, ProviderEvent, ProviderRequest } from "./provider";

const NAME = "offline";
const MODEL = "myco-offline-planner";
/** The calls that look at the project before the planner changes it. */
const INSPECTION = new Set(["read_blueprint", "read_file"]);

type Turn = { request: string; system: string; since: ChatMessage[] };

// The conversation from the last request on: what has been done for it so far.
function currentTurn(messages: ChatMessage[]): Turn {
  const system = messages.find((m) => m.role === "system")?.content ?? "";
  const at = messages.findLastIndex((m) => m.role === "user");
  const request = messages[at]?.role === "user" ? (messages[at] as { content: string }).content : "";
  return { request, system, since: messages.slice(at + 1) };
}

const toolResults = (since: ChatMessage[]) => since.filter((m): m is Extract<ChatMessage, { role: "tool" }> => m.role === "tool");
const askedFor = (since: ChatMessage[]) => since.flatMap((m) => (m.role === "assistant" ? (m.tool_calls ?? []) : []));

// After its tool calls have run, the planner reports: what it built, and every tool that failed.
function report(since: ChatMessage[], summary: string): string {
  const writes = new Set(askedFor(since).filter((c) => !INSPECTION.has(c.function.name)).map((c) => c.id));
  const failures = toolResults(since)
    .filter((m) => writes.has(m.tool_call_id))
    .map((m) => m.content)
    .filter((c) => /^(error|failed)\b/i.test(c) || c.includes('"ok":false'));
  return failures.length === 0 ? summary : `${summary}\n\nSome steps failed:\n${failures.map((f) => `- ${f.slice(0, 300)}`).join("\n")}`;
}

function blueprintRead(since: ChatMessage[]): ProjectState["blueprint"] {
  const readCall = askedFor(since).find((c) => c.function.name === "read_blueprint");
  const result = toolResults(since).find((m) => m.tool_call_id === readCall?.id);
  try {
    const parsed = result ? (JSON.parse(result.content) as { blueprint?: unknown }) : null;
    return parsed && typeof parsed.blueprint === "object" && parsed.blueprint !== null ? (parsed.blueprint as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const pathOf = (call: PlannedToolCall) =>
  call.name === "write_function" ? `functions/${String(call.arguments.name)}.ts` : call.name === "write_component" ? `components/${String(call.arguments.name)}.tsx` : null;

// What to ask for on this step: look first (the blueprint, and files the plan would overwrite, which
// must be read before they are changed), then write, then report.
function nextCalls(turn: Turn, plan: AppPlan, offered: Set<string>): PlannedToolCall[] | null {
  const asked = askedFor(turn.since);
  if (asked.length > 0 && !asked.every((c) => INSPECTION.has(c.function.name))) return null;
  const manifest = readManifest(turn.system);
  if (asked.length === 0 && offered.has("read_blueprint")) {
    const overwrites = toToolCalls(plan).map(pathOf).filter((p): p is string => p !== null && manifest.files.has(p));
    return [{ name: "read_blueprint", arguments: {} }, ...overwrites.map((path) => ({ name: "read_file", arguments: { path } }))];
  }
  const fitted = fitPlanToProject(plan, { ...manifest, blueprint: blueprintRead(turn.since) });
  return toToolCalls(fitted).filter((c) => offered.has(c.name));
}

function calls(planned: PlannedToolCall[]): ProviderEvent {
  return { type: "tool_calls", calls: planned.map((c) => ({ id: `call_${randomUUID()}`, name: c.name, arguments: JSON.stringify(c.arguments) })) };
}

async function* answer(req: ProviderRequest): AsyncGenerator<ProviderEvent> {
  const turn = currentTurn(req.messages);
  const spec = parseRequest(turn.request);
  const plan = planApp(spec);
  // Nothing understood means nothing to build: the app as it stands is left alone.
  const planned = spec.entities.length === 0 ? [] : nextCalls(turn, plan, new Set(req.tools.map((t) => t.function.name)));
  if (planned && planned.length > 0) {
    const looking = planned.every((c) => INSPECTION.has(c.name));
    yield { type: "text", delta: looking ? "Looking at the app as it is first.\n" : "Building it now.\n" };
    yield calls(planned);
  } else {
    const fitted = fitPlanToProject(plan, { ...readManifest(turn.system), blueprint: blueprintRead(turn.since) });
    yield { type: "text", delta: turn.since.length > 0 ? report(turn.since, fitted.summary) : plan.summary };
  }
  yield { type: "usage", promptTokens: 0, completionTokens: 0 };
  yield { type: "done", finishReason: planned && planned.length > 0 ? "tool_calls" : "stop" };
}

/**
 * The provider used when no model is configured: the offline planner plays the model's part behind the
 * same interface, asking for the same tools (only those offered): it reads the blueprint and any file
 * it would overwrite, writes the migration, functions, components and blueprint, then reports what it
 * built and what it did not understand. Deterministic; no network.
 */
export function offlineProvider(): ChatProvider {
  return { name: NAME, model: MODEL, stream: (req) => answer(req) };
}
