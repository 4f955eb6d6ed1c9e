import OpenAI, { APIError, APIUserAbortError } from "openai";
import type { ChatCompletionChunk } from "openai/resources/chat/completions";
import { type ChatProvider, type ProviderEvent, type ProviderRequest, ProviderError } from "./provider";

/** Settings of one OpenAI-compatible endpoint; the caller reads them from the configuration. */
export type OpenAiProviderOptions = {
  name: string;
  baseURL: string;
  apiKey: string;
  model: string;
  /** Longest wait for the response to start, and then for each next chunk. */
  timeoutMs: number;
  /** How requests go out; a project's own endpoint passes one that reaches only vetted addresses. */
  fetch?: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
};

type PartialCall = { id: string; name: string; arguments: string };

/** Seconds from a Retry-After header: a number of seconds or an HTTP date. */
export function parseRetryAfterSeconds(value: string | null | undefined, nowMs = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const dateMs = Date.parse(value);
  return Number.isNaN(dateMs) ? undefined : Math.max(0, Math.ceil((dateMs - nowMs) / 1000));
}

function classify(name: string, err: unknown, timedOut: boolean, signal: AbortSignal): ProviderError {
  if (signal.aborted) return new ProviderError(name, "aborted", "The request was cancelled.");
  if (timedOut) return new ProviderError(name, "timeout", `Provider ${name} timed out.`);
  if (err instanceof APIError && !(err instanceof APIUserAbortError) && err.status !== undefined) {
    const httpStatus = err.status;
    if (httpStatus === 429) {
      const retryAfterSeconds = parseRetryAfterSeconds(err.headers?.get("retry-after"));
      return new ProviderError(name, "rate_limited", `Provider ${name} is rate limiting requests.`, { httpStatus, retryAfterSeconds });
    }
    const failure = httpStatus >= 500 ? "server" : "client";
    return new ProviderError(name, failure, `Provider ${name} answered ${httpStatus}.`, { httpStatus });
  }
  // A refused connection or a dropped stream: another provider may well answer.
  return new ProviderError(name, "server", `Provider ${name} could not be reached.`);
}

/** A model's tool calls per step, and the text of one call's arguments: beyond them the answer is refused. */
const MAX_TOOL_CALLS = 64;
const MAX_ARGUMENT_CHARS = 1024 * 1024;

/** Tool-call deltas carry an index; the id and name come once, the arguments in many fragments. */
function accumulate(calls: Map<number, PartialCall>, chunk: ChatCompletionChunk): string | undefined {
  const choice = chunk.choices[0];
  for (const delta of choice?.delta.tool_calls ?? []) {
    const call = calls.get(delta.index) ?? { id: "", name: "", arguments: "" };
    if (!calls.has(delta.index) && calls.size >= MAX_TOOL_CALLS) throw new Error(`The model asked for more than ${MAX_TOOL_CALLS} tool calls in one step.`);
    if (call.arguments.length + (delta.function?.arguments?.length ?? 0) > MAX_ARGUMENT_CHARS) throw new Error("A tool call's arguments exceeded 1 MiB.");
    if (delta.id) call.id = delta.id;
    if (delta.function?.name) call.name += delta.function.name;
    if (delta.function?.arguments) call.arguments += delta.function.arguments;
    calls.set(delta.index, call);
  }
  return choice?.delta.content ?? undefined;
}

/** An idle timer: aborts the request when no byte has come for `ms`, since the SDK times out only the headers. */
function idleAbort(signal: AbortSignal, ms: number) {
  const controller = new AbortController();
  const state = { timedOut: false };
  let timer: NodeJS.Timeout | undefined;
  const onAbort = () => controller.abort();
  signal.addEventListener("abort", onAbort, { once: true });
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      state.timedOut = true;
      controller.abort();
    }, ms);
  };
  const dispose = () => {
    clearTimeout(timer);
    signal.removeEventListener("abort", onAbort);
  };
  return { signal: controller.signal, state, arm, dispose };
}

async function* streamCompletion(client: OpenAI, options: OpenAiProviderOptions, req: ProviderRequest): AsyncGenerator<ProviderEvent> {
  const idle = idleAbort(req.signal, options.timeoutMs);
  const calls = new Map<number, PartialCall>();
  let finishReason = "stop";
  try {
    idle.arm();
    const body = { model: options.model, messages: req.messages, stream: true, stream_options: { include_usage: true } } as const;
    const tools = req.tools.length > 0 ? { tools: req.tools, parallel_tool_calls: true } : {};
    const chunks = await client.chat.completions.create({ ...body, ...tools }, { signal: idle.signal });
    for await (const chunk of chunks) {
      idle.arm();
      const text = accumulate(calls, chunk);
      if (text) yield { type: "text", delta: text };
      finishReason = chunk.choices[0]?.finish_reason ?? finishReason;
      if (chunk.usage) {
        yield { type: "usage", promptTokens: tokenCount(chunk.usage.prompt_tokens), completionTokens: tokenCount(chunk.usage.completion_tokens) };
      }
    }
  } catch (err) {
    throw classify(options.name, err, idle.state.timedOut, req.signal);
  } finally {
    idle.dispose();
  }
  // The SDK ends an aborted stream quietly, as if complete: a cut-off answer must not pass for a whole one.
  if (idle.signal.aborted) throw classify(options.name, undefined, idle.state.timedOut, req.signal);
  const complete = [...calls.entries()].sort(([a], [b]) => a - b).map(([, call]) => call);
  if (complete.length > 0) yield { type: "tool_calls", calls: complete };
  yield { type: "done", finishReason };
}

/** At most this many tokens in one answer's count: no real model reaches it. */
const MAX_REPORTED_TOKENS = 100_000_000;

/**
 * A token count as an endpoint reported it, made a whole number between 0 and MAX_REPORTED_TOKENS: a
 * project's own endpoint could otherwise report negative or fractional tokens and lift its budgets.
 */
function tokenCount(reported: number | undefined): number {
  return Number.isFinite(reported) ? Math.min(MAX_REPORTED_TOKENS, Math.max(0, Math.floor(reported ?? 0))) : 0;
}

/** A chat provider for any OpenAI-compatible endpoint; it never retries, the failover decides. */
export function openAiProvider(options: OpenAiProviderOptions): ChatProvider {
  const client = new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    maxRetries: 0,
    timeout: options.timeoutMs,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return { name: options.name, model: options.model, stream: (req) => streamCompletion(client, options, req) };
}
