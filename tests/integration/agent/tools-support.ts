// Calls the agent's project tools the way the loop does: JSON arguments through runToolCall.
import { createProjectTools, runToolCall, type ToolOutcome, type ToolSession } from "@/lib/agent";
import { log } from "@/lib/log";
import { ownerScope } from "@/tests/support/scope";

/** A fresh project, a run's session over it, and `call(tool, args)` as the model would make it. */
export async function toolRun(name: string) {
  const scope = await ownerScope(name);
  const session: ToolSession = { scope, log, readPaths: new Set(), changedPaths: new Set() };
  const tools = createProjectTools(session);
  let count = 0;
  const call = (tool: string, args: unknown = {}): Promise<ToolOutcome> => {
    const id = `call_${++count}`;
    const request = { id, type: "function" as const, function: { name: tool, arguments: JSON.stringify(args) } };
    return runToolCall(request, tools, { toolCallId: id, signal: new AbortController().signal, log });
  };
  /** A call that must succeed, its JSON result parsed. */
  const ok = async <T = Record<string, unknown>>(tool: string, args: unknown = {}): Promise<T> => {
    const outcome = await call(tool, args);
    if (!outcome.ok) throw new Error(`${tool} failed: ${outcome.content}`);
    return JSON.parse(outcome.content) as T;
  };
  /** A write that stays written although its build failed: the call is no success, its JSON result parsed. */
  const broken = async <T = Record<string, unknown>>(tool: string, args: unknown = {}): Promise<T> => {
    const outcome = await call(tool, args);
    if (outcome.ok) throw new Error(`${tool} was expected to report a failed build: ${outcome.content}`);
    return JSON.parse(outcome.content) as T;
  };
  return { scope, session, tools, call, ok, broken };
}
