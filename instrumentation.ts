// Next.js calls register() once when a server starts, before it serves a request.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("@/lib/http");
  await startServer();
}

export { captureRequestError as onRequestError } from "@sentry/nextjs";
