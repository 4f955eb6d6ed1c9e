// The agent API as the builder sees it: the stored shapes are lib/agent's own types (type-only imports,
// which components may make), the stream's events and the chat's display state are defined here.
import type { RunMessage, RunView, StopReason } from "@/lib/agent";

export type { RunMessage, RunView, StopReason };

/** A run's lifecycle on the server. */
export type RunStatus = RunView["status"];

/** Tokens spent, summed over every step of a run. */
export type RunUsage = RunView["usage"];

/** A tool call the model asked for; `arguments` is the model's raw JSON text. */
export type ToolCallView = NonNullable<RunMessage["toolCalls"]>[number];

/** A page of runs, newest first. */
export type RunPage = { runs: RunView[]; nextCursor: string | null };

/** The server-sent events of `POST /api/projects/{id}/agent/runs`, in the order they come. */
export type AgentStreamEvent =
  | { event: "run"; data: { id: string; prompt: string; provider: string | null; model: string | null; baseSha: string; startedAt: string } }
  | { event: "text"; data: { delta: string } }
  | { event: "step_retry"; data: { step: number } }
  | { event: "tool_call"; data: ToolCallView }
  | { event: "tool_result"; data: { id: string; ok: boolean; result: string; files: string[] } }
  | { event: "usage"; data: { provider: string; model: string; promptTokens: number; completionTokens: number } }
  | {
      event: "done";
      data: { reason: StopReason; summary: string; commitSha: string | null; filesChanged: string[]; usage: RunUsage };
    }
  | { event: "error"; data: { code: string; message: string } };

/** A piece of a run's transcript: assistant text, or a tool call with its outcome (`ok` null: no result yet). */
export type RunItem =
  | { kind: "text"; text: string }
  | { kind: "tool"; id: string; name: string; arguments: string; ok: boolean | null; result: string | null; files: string[] };

/**
 * A run as the chat shows it, whether loaded from history or being streamed. `key` is stable for React
 * from the first keystroke on (the server id arrives only with the `run` event).
 */
export type RunDisplay = Omit<RunView, "id" | "baseSha" | "messages"> & {
  key: string;
  id: string | null;
  items: RunItem[];
  /** The run could not go on (the stream's `error` event). */
  error: { code: string; message: string } | null;
  /** Streamed here and its `done` arrived: its items (with each call's files) are complete. */
  isStreamComplete: boolean;
};
