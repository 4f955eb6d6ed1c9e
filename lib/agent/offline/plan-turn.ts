// One turn of the offline planner over the conversation since the person's last request: look at the
// project first (its blueprint and the functions it would read back or overwrite), then make the
// change as tool calls, then report what was done, what failed, or why nothing could be.
import type { ChatMessage } from "../providers/provider";
import type { AppSpec } from "./app-spec";
import { planFollowUp } from "./follow-up";
import { parseRequest } from "./parse-request";
import { planApp, type AppPlan } from "./plan-app";
import { planChange } from "./plan-change";
import { readManifest, readProjectSpec, type ProjectState } from "./read-project";
import { toToolCalls, type PlannedToolCall } from "./to-tool-calls";

type Json = Record<string, unknown>;
type Turn = { request: string; system: string; since: ChatMessage[] };

/** What the planner says on this step: tool calls to make, or its last words (declined when nothing could be done). */
export type TurnStep = { calls: PlannedToolCall[]; text: string } | { calls: []; text: string; declined: boolean };

/** The calls that look at the project before the planner changes it. */
const INSPECTION = new Set(["read_blueprint", "read_file"]);
const MAX_READS = 12;

const toolResults = (since: ChatMessage[]) => since.filter((m): m is Extract<ChatMessage, { role: "tool" }> => m.role === "tool");
const askedFor = (since: ChatMessage[]) => since.flatMap((m) => (m.role === "assistant" ? (m.tool_calls ?? []) : []));

function resultOf(since: ChatMessage[], id: string | undefined): Json | null {
  const result = toolResults(since).find((m) => m.tool_call_id === id);
  try {
    const parsed: unknown = result ? JSON.parse(result.content) : null;
    return typeof parsed === "object" && parsed !== null ? (parsed as Json) : null;
  } catch {
    return null;
  }
}

// The blueprint and file contents the inspection step read.
function readBack(since: ChatMessage[]): Pick<ProjectState, "blueprint" | "sources"> {
  const calls = askedFor(since);
  const blueprint = resultOf(since, calls.find((c) => c.function.name === "read_blueprint")?.id)?.blueprint;
  const sources = new Map<string, string>();
  for (const call of calls.filter((c) => c.function.name === "read_file")) {
    const content = toolResults(since).find((m) => m.tool_call_id === call.id)?.content;
    const path = (JSON.parse(call.function.arguments) as { path?: unknown }).path;
    if (content !== undefined && typeof path === "string") sources.set(path, content);
  }
  return { blueprint: typeof blueprint === "object" && blueprint !== null ? (blueprint as Json) : null, sources };
}

// After its tool calls have run, the planner reports: what it built, and every tool that failed.
function report(since: ChatMessage[], summary: string): string {
  const writes = new Set(askedFor(since).filter((c) => !INSPECTION.has(c.function.name)).map((c) => c.id));
  const failures = toolResults(since)
    .filter((m) => writes.has(m.tool_call_id))
    .map((m) => m.content)
    .filter((c) => /^(error|failed)\b/i.test(c) || c.includes('"ok":false'));
  return failures.length === 0 ? summary : `${summary}\n\nSome steps failed:\n${failures.map((f) => `- ${f.slice(0, 300)}`).join("\n")}`;
}

const EMPTY: AppSpec = { appName: "", entities: [], views: { dashboard: false }, unknown: [] };

// A new app, fitted around pages a project may already have (a starter without tables keeps its pages).
function newApp(request: string, blueprint: Json | null): AppPlan | { declined: string } {
  const spec = parseRequest(request);
  const plan = planApp(spec);
  if (spec.entities.length === 0) return { declined: plan.summary };
  const pages = blueprint && typeof blueprint.pages === "object" && blueprint.pages !== null ? Object.keys(blueprint.pages) : [];
  if (pages.length <= 1) return plan;
  return { ...plan, blueprint: planChange(EMPTY, spec, blueprint, {}, "").blueprint };
}

function planFor(turn: Turn, state: ProjectState): AppPlan | { declined: string } | { answer: string } {
  const spec = readProjectSpec(state);
  if (!spec) return newApp(turn.request, state.blueprint);
  const followUp = planFollowUp(turn.request, spec, state.blueprint);
  return "plan" in followUp ? followUp.plan : followUp;
}

const pathOf = (call: PlannedToolCall) =>
  call.name === "write_function" ? `functions/${String(call.arguments.name)}.ts` : call.name === "write_component" ? `components/${String(call.arguments.name)}.tsx` : null;

/** The planner's step for the conversation so far, asking only for tools in `offered`. */
export function planTurn(request: string, system: string, since: ChatMessage[], offered: Set<string>): TurnStep {
  const turn: Turn = { request, system, since };
  const manifest = readManifest(system);
  const asked = askedFor(since);
  const inspected = asked.length > 0 && asked.every((c) => INSPECTION.has(c.function.name));
  if (asked.length === 0 && offered.has("read_blueprint")) {
    // Every table's function is read back (it holds the field types); any file the plan overwrites is read first.
    const functions = [...manifest.tables.keys()].map((t) => `functions/${t}.ts`);
    const draft = planFor(turn, { ...manifest, blueprint: null, sources: new Map() });
    // A new app with nothing understood: nothing to look at, nothing to change.
    if ("declined" in draft && manifest.tables.size === 0) return { calls: [], text: draft.declined, declined: true };
    const overwrites = "migration" in draft ? toToolCalls(draft).map(pathOf) : [];
    const reads = [...new Set([...functions, ...overwrites])].filter((p): p is string => p !== null && manifest.files.has(p)).slice(0, MAX_READS);
    return { calls: [{ name: "read_blueprint", arguments: {} }, ...reads.map((path) => ({ name: "read_file", arguments: { path } }))], text: "Looking at the app as it is first.\n" };
  }
  const plan = planFor(turn, { ...manifest, ...readBack(since) });
  if ("declined" in plan) return { calls: [], text: plan.declined, declined: true };
  if ("answer" in plan) return { calls: [], text: plan.answer, declined: false };
  if (asked.length === 0 || inspected) {
    const calls = toToolCalls(plan).filter((c) => offered.has(c.name));
    if (calls.length > 0) return { calls, text: "Building it now.\n" };
  }
  return { calls: [], text: since.length > 0 ? report(since, plan.summary) : plan.summary, declined: false };
}
