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

function parseArguments(raw: string): { ok: true; value: unknown } | { ok: false } {
  try {
    // Some models send "" for a tool without parameters.
    return { ok: true, value: raw.trim() === "" ? {} : JSON.parse(raw) };
  } catch {
    return { ok: false };
  }
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
  if (!parsed.ok) return { ok: false, content: "Error: the arguments are not valid JSON. Send one JSON object." };
  const input = tool.input.safeParse(parsed.value);
  if (!input.success) return { ok: false, content: `Error: invalid arguments.\n${z.prettifyError(input.error)}` };
  try {
    const result = await tool.run(input.data, ctx);
    return { ok: true, content: typeof result === "string" ? result : JSON.stringify(result) };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, content: `Error: ${err.message}` };
    // A bug in the tool: logged once with its cause, while the model only learns that the call failed.
    ctx.log.error("agent.tool.crashed", { tool: tool.name, toolCallId: ctx.toolCallId }, err);
    return { ok: false, content: "Error: the tool failed unexpectedly." };
  }
}
