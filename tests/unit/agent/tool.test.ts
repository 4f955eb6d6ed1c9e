import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { type AgentTool, defineTool, parseRetryAfterSeconds, runToolCall, summarizeRun, toolSpecs } from "@/lib/agent";

const add = defineTool({
  name: "add",
  description: "Add two numbers.",
  input: z.strictObject({ a: z.number(), b: z.number() }),
  async run({ a, b }) {
    if (a < 0) throw new AppError("unprocessable", "a must not be negative.", "a");
    if (a === 13) throw new TypeError("a bug");
    return { sum: a + b };
  },
});
const tools = [add] as AgentTool[];
const ctx = { toolCallId: "call_1", signal: new AbortController().signal, log };
const callWith = (args: string, name = "add") => runToolCall({ id: "call_1", type: "function", function: { name, arguments: args } }, tools, ctx);

describe("runToolCall", () => {
  it("validates the arguments and serialises an object result", async () => {
    expect(await callWith('{"a": 1, "b": 2}')).toEqual({ ok: true, content: '{"sum":3}' });
  });

  it("turns malformed JSON, schema errors, unknown tools and AppErrors into error results", async () => {
    expect(await callWith('{"a": 1,')).toMatchObject({ ok: false, content: expect.stringMatching(/not valid JSON/) });
    expect(await callWith('{"a": "1", "b": 2, "c": 3}')).toMatchObject({ ok: false, content: expect.stringMatching(/invalid arguments/) });
    expect(await callWith("{}", "subtract")).toMatchObject({ ok: false, content: expect.stringMatching(/unknown tool "subtract".*add/) });
    expect(await callWith('{"a": -1, "b": 2}')).toEqual({ ok: false, content: "Error: a must not be negative." });
  });

  it("hides a crashing tool's own message from the model", async () => {
    expect(await callWith('{"a": 13, "b": 0}')).toEqual({ ok: false, content: "Error: the tool failed unexpectedly." });
  });
});

describe("toolSpecs", () => {
  it("describes each tool's input as JSON Schema", () => {
    expect(toolSpecs(tools)[0]).toMatchObject({
      type: "function",
      function: { name: "add", parameters: { type: "object", required: ["a", "b"], additionalProperties: false } },
    });
  });
});

describe("parseRetryAfterSeconds", () => {
  it("reads seconds or an HTTP date, and ignores garbage", () => {
    expect(parseRetryAfterSeconds("12")).toBe(12);
    expect(parseRetryAfterSeconds(new Date(10_000).toUTCString(), 0)).toBe(10);
    expect(parseRetryAfterSeconds("soon")).toBeUndefined();
    expect(parseRetryAfterSeconds(null)).toBeUndefined();
  });
});

describe("summarizeRun", () => {
  it("says why the run stopped, what succeeded and what failed", () => {
    const summary = summarizeRun("max_steps", [
      { name: "note", ok: true, result: "ok" },
      { name: "note", ok: true, result: "ok" },
      { name: "read", ok: false, result: "Error: missing" },
    ]);
    expect(summary).toBe("Stopped: the step budget is spent. Succeeded: note ×2. Failed: read (last: read: Error: missing).");
  });
});
