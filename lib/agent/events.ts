/**
 * Why a run stopped: `declined` when the agent said it cannot do what was asked, `unverified` when the app
 * still failed Myco's checks when the agent finished (see lib/agent/verify).
 */
export type StopReason = "completed" | "declined" | "unverified" | "max_steps" | "max_tokens" | "repeated_failure" | "aborted" | "error";

/** What a run reports to the UI while it runs; `done` comes exactly once, last. */
export type AgentEvent =
  | { type: "text"; delta: string }
  /** The step's streamed text so far is void: the provider failed mid-answer and the step runs again. */
  | { type: "step_retry"; step: number }
  | { type: "tool_call"; id: string; name: string; arguments: string }
  | { type: "tool_result"; id: string; ok: boolean; result: string }
  | { type: "usage"; provider: string; model: string; promptTokens: number; completionTokens: number }
  | { type: "done"; reason: StopReason; summary: string };
