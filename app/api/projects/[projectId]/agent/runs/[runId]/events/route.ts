import { z } from "zod";
import { route, sse, notAllowed } from "@/lib/http";
import { watchAgentRun } from "@/lib/agent";

const params = z.strictObject({ projectId: z.uuid(), runId: z.uuid() });

/** A run's events as server-sent events, from whichever node drives it: what it streamed so far, then live until `done`. */
export const GET = route({ access: "project:viewer", summary: "Watch an agent run: its events so far, then live until done", params }, async ({ scope, params, req }) =>
  sse(await watchAgentRun(scope, params.runId, req.signal), req.signal, scope.userId),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed({ GET });
