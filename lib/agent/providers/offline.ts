import { randomUUID } from "node:crypto";
import { parseRequest } from "../offline/parse-request";
import { planApp } from "../offline/plan-app";
import { toToolCalls } from "../offline/to-tool-calls";
import type { ChatMessage, ChatProvider, ProviderEvent, ProviderRequest } from "./provider";

const NAME = "offline";
const MODEL = "myco-offline-planner";

function lastUserRequest(messages: ChatMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message?.role === "user") return message.content;
  }
  return "";
}

// After its tool calls have run, the planner reports: what it built, and every tool that failed.
function reportAfterTools(messages: ChatMessage[], summary: string): string {
  const failures = messages
    .filter((m): m is Extract<ChatMessage, { role: "tool" }> => m.role === "tool")
    .map((m) => m.content)
    .filter((content) => /^(error|failed)\b/i.test(content) || content.includes('"ok":false'));
  return failures.length === 0 ? summary : `${summary}\n\nSome steps failed:\n${failures.map((f) => `- ${f.slice(0, 300)}`).join("\n")}`;
}

async function* answer(req: ProviderRequest): AsyncGenerator<ProviderEvent> {
  const spec = parseRequest(lastUserRequest(req.messages));
  const plan = planApp(spec);
  const last = req.messages.at(-1);
  if (last?.role === "tool") {
    yield { type: "text", delta: reportAfterTools(req.messages, plan.summary) };
  } else {
    const offered = new Set(req.tools.map((t) => t.function.name));
    // Nothing understood means nothing to build: the app as it stands is left alone.
    const calls = spec.entities.length === 0 ? [] : toToolCalls(plan).filter((c) => offered.has(c.name));
    yield { type: "text", delta: calls.length > 0 ? "Building it now." : plan.summary };
    if (calls.length > 0) {
      yield { type: "tool_calls", calls: calls.map((c) => ({ id: `call_${randomUUID()}`, name: c.name, arguments: JSON.stringify(c.arguments) })) };
    }
  }
  yield { type: "usage", promptTokens: 0, completionTokens: 0 };
  yield { type: "done", finishReason: last?.role === "tool" ? "stop" : "tool_calls" };
}

/**
 * The provider used when no model is configured: the offline planner plays the model's part behind the
 * same interface, asking for the same tools (only those offered) and then reporting what was built and
 * what was not understood. Deterministic; no network.
 */
export function offlineProvider(): ChatProvider {
  return { name: NAME, model: MODEL, stream: (req) => answer(req) };
}
