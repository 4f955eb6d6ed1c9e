import type { ProjectScope } from "@/lib/auth";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { enforceRateLimit, vetModelEndpoint } from "@/lib/security";
import { endpointProvider } from "../providers/configured";
import { ProviderError, type ChatProvider } from "../providers/provider";
import { findProjectModel } from "./project-model";
import { customEndpointProvider } from "./project-provider";

/** How long a connection test waits for the model, in ms: a person is waiting on the button. */
export const MODEL_TEST_TIMEOUT_MS = 10_000;

/** A test's outcome: the model answered (and how fast), or why not, in words a person can act on. */
export type ModelTestResult = { ok: true; latencyMs: number; model: string } | { ok: false; message: string };

type Target = { provider: ChatProvider; where: string } | { offline: true } | { refused: string };

async function target(projectId: string): Promise<Target> {
  const row = await findProjectModel(projectId);
  const config = getConfig();
  if (row?.kind === "custom" && row.baseUrl) {
    try {
      await vetModelEndpoint(new URL(row.baseUrl));
    } catch (err) {
      if (err instanceof AppError) return { refused: err.message };
      throw err;
    }
    return { provider: customEndpointProvider(row, MODEL_TEST_TIMEOUT_MS), where: new URL(row.baseUrl).host };
  }
  // The default is tried through its first endpoint; a test must not trip the runs' circuit breakers.
  const chosen = row?.kind === "server" ? config.aiProviders.find((p) => p.name === row.provider) : config.aiProviders[0];
  if (row?.kind === "server" && !chosen) return { refused: `This server no longer offers the model provider ${row.provider}.` };
  return chosen ? { provider: endpointProvider(chosen, MODEL_TEST_TIMEOUT_MS), where: chosen.name } : { offline: true };
}

function explain(err: unknown, where: string): string {
  if (!(err instanceof ProviderError)) return `The test failed: ${err instanceof AppError ? err.message : "unexpected error."}`;
  const status = err.httpStatus;
  if (err.failure === "timeout") return `${where} did not answer within ${MODEL_TEST_TIMEOUT_MS / 1000} s.`;
  if (err.failure === "rate_limited") return `${where} is rate limiting requests (HTTP 429); try again later.`;
  if (status === 401 || status === 403) return `${where} refused the API key (HTTP ${status}); check the key.`;
  if (status === 404) return `${where} answered 404: check the base URL (it usually ends in /v1) and the model name.`;
  if (status !== undefined && status < 500) return `${where} refused the request (HTTP ${status}); check the model name.`;
  if (status !== undefined) return `${where} failed with HTTP ${status}; try again later.`;
  return `Could not connect to ${where}: nothing answered there. Check the base URL and that the server is running.`;
}

const TEST_DEADLINE_MS = 15_000;

/**
 * Sends a one-line chat completion to the project's model and reports whether it answered. Never
 * throws for the model's failures (they are the answer); counted against the caller's rate limit, since
 * each test is a request to a host the project chose.
 */
export async function testProjectModel(scope: ProjectScope): Promise<ModelTestResult> {
  await enforceRateLimit({ name: "model connection tests", limit: 10, windowSeconds: 60 }, scope.userId);
  const t = await target(scope.projectId).catch((err: unknown) => {
    if (err instanceof AppError) return { refused: err.message };
    throw err;
  });
  if ("refused" in t) return { ok: false, message: t.refused };
  if ("offline" in t) return { ok: true, latencyMs: 0, model: "myco-offline-planner" };
  const started = performance.now();
  try {
    const messages = [{ role: "user" as const, content: "Reply with the single word OK." }];
    // One deadline for the whole test: an endpoint trickling a byte every few seconds never ends it.
    for await (const event of t.provider.stream({ messages, tools: [], signal: AbortSignal.timeout(TEST_DEADLINE_MS) })) {
      if (event.type === "done") break;
    }
  } catch (err) {
    return { ok: false, message: explain(err, t.where) };
  }
  return { ok: true, latencyMs: Math.round(performance.now() - started), model: t.provider.model };
}
