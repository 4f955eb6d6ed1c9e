import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { Logger } from "@/lib/log";
import type { ToolCall, ToolSpec } from "./providers/provider";

/** What a tool receives besides its arguments. */
export type ToolContext = { toolCallId: string; signal: AbortSignal; log: Logger };

/** A tool the model may call; `input` validates the model's arguments before `run` sees them. */
export type AgentTool<Input extends z.ZodType = z.ZodType> = {
  name: string;
  description: string;
  input: Input;
  /** Changes nothing, so it may run at the same time as other read-only calls of the same answer. */
  readOnly?: boolean;
  // Method syntax on purpose: a tool with a narrower input still fits AgentTool[].
  run(args: z.output<Input>, ctx: ToolContext): Promise<string | object>;
};

/** Types a tool's `run` arguments from its `input` schema. */
export function defineTool<Input extends z.ZodType>(tool: AgentTool<Input>): AgentTool<Input> {
  return tool;
}

/** The outcome of one tool call, as the model will read it. */
export type ToolOutcome = { ok: boolean; content: string };

/** The tools as the model sees them: JSON Schema made from each zod input. */
export function toolSpecs(tools: AgentTool[]): ToolSpec[] {
  return tools.map((t) => ({
    type: "function",
    function: { name: t.name, description: t.description, parameters: z.toJSONSchema(t.input, { io: "input" }) as Record<string, unknown> },
  }));
}

// Where JSON.parse stopped, as a character index: Node 20 says "at position N", newer ones "(line L column C)".
function errorIndex(raw: string, message: string): number {
  const position = /position (\d+)/.exec(message);
  if (position) return Number(position[1]);
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (!lineColumn) return raw.length;
  const lines = raw.split("\n").slice(0, Number(lineColumn[1]) - 1);
  return lines.reduce((n, l) => n + l.length + 1, 0) + Number(lineColumn[2]) - 1;
}

/** Where a model's arguments stop being JSON: line, column and the text around it, so it can fix that spot. */
export function describeJsonError(raw: string, err: unknown): string {
  const message = err instanceof Error ? err.message : "not valid JSON";
  const index = Math.min(errorIndex(raw, message), raw.length);
  const before = raw.slice(0, index).split("\n");
  const line = before.length;
  const column = (before[before.length - 1]?.length ?? 0) + 1;
  const near = `${raw.slice(Math.max(0, index - 30), index)}⟨here⟩${raw.slice(index, index + 30)}`.replaceAll("\n", "\\n");
  return `the arguments are not valid JSON at line ${line}, column ${column} (character ${index}): ${message.slice(0, 200)}. Near: ${near}`;
}

function parseArguments(raw: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    // Some models send "" for a tool without parameters.
    return { ok: true, value: raw.trim() === "" ? {} : JSON.parse(raw) };
  } catch (err) {
    return { ok: false, error: describeJsonError(raw, err) };
  }
}

// A write whose build failed stays written, but it is no success: the model must fix it.
function leftProblems(result: unknown): boolean {
  if (typeof result !== "object" || result === null) return false;
  const r = result as { build?: { ok?: unknown }; builds?: { ok?: unknown }[] };
  return r.build?.ok === false || (Array.isArray(r.builds) && r.builds.some((b) => b?.ok === false));
}

/**
 * Runs one requested call. Every failure the model can fix (unknown tool, malformed JSON, schema errors,
 * an AppError from the tool) becomes an error result it reads on its next step; nothing here throws.
 */
export async function runToolCall(call: ToolCall, tools: AgentTool[], ctx: ToolContext): Promise<ToolOutcome> {
  const tool = tools.find((t) => t.name === call.function.name);
  if (!tool) {
    const names = tools.map((t) => t.name).join(", ");
    return { ok: false, content: `Error: unknown tool "${call.function.name}". Available tools: ${names}.` };
  }
  const parsed = parseArguments(call.function.arguments);
  if (!parsed.ok) return { ok: false, content: `Error: ${parsed.error}. Send one JSON object.` };
  const input = tool.input.safeParse(parsed.value);
  if (!input.success) return { ok: false, content: `Error: invalid arguments.\n${z.prettifyError(input.error)}` };
  try {
    const result = await tool.run(input.data, ctx);
    return { ok: !leftProblems(result), content: typeof result === "string" ? result : JSON.stringify(result) };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, content: `Error: ${err.message}` };
    // A bug in the tool: logged once with its cause, while the model only learns that the call failed.
    ctx.log.error("agent.tool.crashed", { tool: tool.name, toolCallId: ctx.toolCallId }, err);
    return { ok: false, content: "Error: the tool failed unexpectedly." };
  }
}
