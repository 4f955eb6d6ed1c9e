import { randomUUID } from "node:crypto";
import { APP_CHECK_NOTE } from "../loop";
import { planTurn } from "../offline/plan-turn";
import type { ChatMessage, ChatProvider, ProviderEvent, ProviderRequest } from "./provider";

const NAME = "offline";
const MODEL = "myco-offline-planner";

// The conversation from the person's last request on (Myco's app check is no request): what has been done for it so far.
function currentTurn(messages: ChatMessage[]): { request: string; system: string; since: ChatMessage[] } {
  const system = messages.find((m) => m.role === "system")?.content ?? "";
  const at = messages.findLastIndex((m) => m.role === "user" && !m.content.startsWith(APP_CHECK_NOTE));
  const request = messages[at]?.role === "user" ? (messages[at] as { content: string }).content : "";
  return { request, system, since: messages.slice(at + 1) };
}

async function* answer(req: ProviderRequest): AsyncGenerator<ProviderEvent> {
  const turn = currentTurn(req.messages);
  const step = planTurn(turn.request, turn.system, turn.since, new Set(req.tools.map((t) => t.function.name)));
  yield { type: "text", delta: step.text };
  if (step.calls.length > 0) {
    yield { type: "tool_calls", calls: step.calls.map((c) => ({ id: `call_${randomUUID()}`, name: c.name, arguments: JSON.stringify(c.arguments) })) };
  }
  yield { type: "usage", promptTokens: 0, completionTokens: 0 };
  yield { type: "done", finishReason: step.calls.length > 0 ? "tool_calls" : "declined" in step && step.declined ? "declined" : "stop" };
}

/**
 * The provider used when no model is configured: the offline planner plays the model's part behind the
 * same interface, asking for the same tools (only those offered): it reads the blueprint and the app's
 * functions, writes the migration, functions, components and blueprint (or, on an app that exists, the
 * smallest change a follow-up asks for), then reports what it built, or declines with what it can do.
 * Deterministic; no network.
 */
export function offlineProvider(): ChatProvider {
  return { name: NAME, model: MODEL, stream: (req) => answer(req) };
}
