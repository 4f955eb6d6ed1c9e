import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineTool, offlineProvider, runAgentLoop, type AgentEvent } from "@/lib/agent";

// In-memory stand-ins for the four tools the planner asks for, recording what they were given.
function recordingTools(calls: { name: string; args: unknown }[], failing?: string) {
  const tool = (name: string) =>
    defineTool({
      name,
      description: `records ${name}`,
      input: z.record(z.string(), z.unknown()),
      run: async (args) => {
        calls.push({ name, args });
        if (name === failing) throw new Error("unexpected");
        return { ok: true };
      },
    });
  return ["change_db_schema", "write_function", "write_component", "update_blueprint"].map(tool);
}

describe("offline provider", () => {
  it("drives the loop: the planner's tool calls, then a summary, in two steps", async () => {
    const calls: { name: string; args: unknown }[] = [];
    const events: AgentEvent[] = [];
    const result = await runAgentLoop({
      provider: offlineProvider(),
      system: "You build apps.",
      messages: [{ role: "user", content: "a todo app with title, due date and priority" }],
      tools: recordingTools(calls),
      budget: { maxSteps: 5, maxTokens: 100_000 },
      signal: new AbortController().signal,
      onEvent: (e) => events.push(e),
    });
    expect(result.reason).toBe("completed");
    expect(result.steps).toBe(2);
    expect(calls.map((c) => c.name)).toEqual(["change_db_schema", "write_function", "update_blueprint"]);
    expect(JSON.stringify(calls[1]?.args)).toContain("INSERT INTO");
    const text = events.filter((e) => e.type === "text").map((e) => (e as { delta: string }).delta).join("");
    expect(text).toMatch(/todo/i);
  });

  it("says plainly what it could not understand and calls no tool", async () => {
    const calls: { name: string; args: unknown }[] = [];
    const events: AgentEvent[] = [];
    await runAgentLoop({
      provider: offlineProvider(),
      system: "",
      messages: [{ role: "user", content: "asdf qwerty zxcv" }],
      tools: recordingTools(calls),
      budget: { maxSteps: 5, maxTokens: 100_000 },
      signal: new AbortController().signal,
      onEvent: (e) => events.push(e),
    });
    expect(calls).toEqual([]);
    const text = events.filter((e) => e.type === "text").map((e) => (e as { delta: string }).delta).join("");
    expect(text).toContain("asdf qwerty zxcv");
  });
});
