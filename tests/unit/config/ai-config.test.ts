import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config";

const env = (vars: Record<string, string>) => ({ MYCO_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "myco-ai-config-")), ...vars });

describe("agent and rate-limit configuration", () => {
  it("defaults to the offline provider, in-process rate limits and the documented budgets", () => {
    const config = parseConfig(env({}));
    expect(config.aiProviders).toEqual([]);
    expect(config.redis).toBeUndefined();
    expect(config.agent).toEqual({ maxSteps: 30, maxTokens: 400_000, contextTokens: 32_000, runsPerMinute: 6 });
  });

  it("lists the primary model first, then the fallbacks in order", () => {
    const config = parseConfig(
      env({
        AI_BASE_URL: "http://127.0.0.1:11434/v1",
        AI_MODEL: "llama3.1",
        AI_FALLBACK_PROVIDERS: JSON.stringify([{ baseUrl: "https://openrouter.ai/api/v1", model: "openai/gpt-4o-mini", apiKey: "sk-x" }, { name: "backup", baseUrl: "https://api.example.com/v1", model: "m" }]),
      }),
    );
    expect(config.aiProviders.map((p) => [p.name, p.model, p.apiKey])).toEqual([
      ["127.0.0.1:11434", "llama3.1", undefined],
      ["openrouter.ai", "openai/gpt-4o-mini", "sk-x"],
      ["backup", "m", undefined],
    ]);
  });

  it.each([
    [{ AI_BASE_URL: "http://localhost:8000/v1" }, "AI_MODEL"],
    [{ AI_BASE_URL: "ollama" , AI_MODEL: "x" }, "AI_BASE_URL"],
    [{ AI_FALLBACK_PROVIDERS: "[not json" }, "AI_FALLBACK_PROVIDERS"],
    [{ AI_FALLBACK_PROVIDERS: JSON.stringify([{ baseUrl: "https://x.example/v1" }]) }, "AI_FALLBACK_PROVIDERS"],
    [{ AGENT_MAX_STEPS: "0" }, "AGENT_MAX_STEPS"],
    [{ AGENT_RUNS_PER_MINUTE: "many" }, "AGENT_RUNS_PER_MINUTE"],
    [{ REDIS_URL: "http://127.0.0.1:6379" }, "REDIS_URL"],
    [{ UPSTASH_REDIS_REST_URL: "https://eu1.upstash.io" }, "UPSTASH_REDIS_REST_TOKEN"],
  ])("refuses %o naming %s", (vars, name) => {
    expect(() => parseConfig(env(vars))).toThrow(new RegExp(`\\b${name}\\b`));
  });

  it("prefers Upstash's REST API over a plain Redis URL", () => {
    expect(parseConfig(env({ REDIS_URL: "redis://127.0.0.1:6379" })).redis).toEqual({ kind: "redis", url: "redis://127.0.0.1:6379" });
    const both = parseConfig(env({ REDIS_URL: "redis://127.0.0.1:6379", UPSTASH_REDIS_REST_URL: "https://eu1.upstash.io", UPSTASH_REDIS_REST_TOKEN: "t" }));
    expect(both.redis).toEqual({ kind: "upstash", url: "https://eu1.upstash.io", token: "t" });
  });
});
