import { AppError } from "@/lib/errors";

/** A tool call as the model requested it; `arguments` is raw JSON text and may be malformed. */
export type ToolCall = { id: string; type: "function"; function: { name: string; arguments: string } };

/** A chat message in the OpenAI chat-completions shape. */
export type ChatMessage =
  | { role: "system"; content: string }
  | { role: "user"; content: string }
  | { role: "assistant"; content: string | null; tool_calls?: ToolCall[] }
  | { role: "tool"; tool_call_id: string; content: string };

/** A tool offered to the model; `parameters` is a JSON Schema object. */
export type ToolSpec = {
  type: "function";
  function: { name: string; description: string; parameters: Record<string, unknown> };
};

/** What a provider streams for one model turn; tool calls arrive complete, once, after the last delta. */
export type ProviderEvent =
  | { type: "text"; delta: string }
  | { type: "tool_calls"; calls: { id: string; name: string; arguments: string }[] }
  | { type: "usage"; promptTokens: number; completionTokens: number }
  | { type: "done"; finishReason: string }
  /** Which provider is answering; a failover provider sends it before the first event it relays. */
  | { type: "provider"; name: string; model: string };

/** One model request. */
export type ProviderRequest = { messages: ChatMessage[]; tools: ToolSpec[]; signal: AbortSignal };

/** A chat model that streams its answer. */
export type ChatProvider = {
  readonly name: string;
  readonly model: string;
  stream(req: ProviderRequest): AsyncIterable<ProviderEvent>;
};

/** Why a provider call failed: the failover skips timeouts, rate limits and server errors, never client errors. */
export type ProviderFailure = "timeout" | "rate_limited" | "server" | "client" | "aborted" | "unavailable";

const CODE_BY_FAILURE = {
  timeout: "unavailable",
  rate_limited: "rate_limited",
  server: "unavailable",
  client: "bad_request",
  aborted: "bad_request",
  unavailable: "unavailable",
} as const;

/** A failed provider call; the message never carries the provider's own error text. */
export class ProviderError extends AppError {
  readonly failure: ProviderFailure;
  readonly provider: string;
  /** The HTTP status the provider answered, if it answered. */
  readonly httpStatus: number | undefined;

  constructor(
    provider: string,
    failure: ProviderFailure,
    message: string,
    options?: { httpStatus?: number; retryAfterSeconds?: number },
  ) {
    super(CODE_BY_FAILURE[failure], message, undefined, { retryAfterSeconds: options?.retryAfterSeconds });
    this.name = "ProviderError";
    this.provider = provider;
    this.failure = failure;
    this.httpStatus = options?.httpStatus;
  }

  /** Whether another provider, or a later attempt, may succeed where this one failed. */
  get isTransient(): boolean {
    return this.failure === "timeout" || this.failure === "rate_limited" || this.failure === "server" || this.failure === "unavailable";
  }
}
