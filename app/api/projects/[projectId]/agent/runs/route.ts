import { z } from "zod";
import { route, sse, notAllowed } from "@/lib/http";
import { AgentRunInput, RunsQuery, listAgentRuns, startAgentRun } from "@/lib/agent";

const params = z.strictObject({ projectId: z.uuid() });

/** The project's agent runs with their messages and token usage, newest first, by cursor. */
export const GET = route({ access: "project:viewer", summary: "List agent runs, newest first, by cursor", params, query: RunsQuery }, ({ scope, query }) => listAgentRuns(scope, query));

/** Starts a run from a request and streams it as server-sent events until `done`. */
export const POST = route({ access: "project:editor", summary: "Start an agent run, streamed as server-sent events", params, body: AgentRunInput }, async ({ scope, body, req, log }) =>
  sse(await startAgentRun(scope, body, { log, signal: req.signal }), req.signal),
);

export const { PUT, PATCH, DELETE, OPTIONS } = notAllowed({ GET, POST });
