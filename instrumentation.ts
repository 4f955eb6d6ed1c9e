import type { Instrumentation } from "next";

// Next.js calls register() once when a server starts, before it serves a request.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("@/lib/http");
  await startServer();
}

// Errors Next catches in a render or a route go to Sentry through lib/log, its one owner; imported after
// the runtime check, as in register(), because lib/ is Node-only.
export const onRequestError: Instrumentation.onRequestError = async (...args) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { reportRequestError } = await import("@/lib/log");
  reportRequestError(...args);
};
