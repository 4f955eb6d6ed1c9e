import { z } from "zod";
import { route, notAllowed } from "@/lib/http";
import { stopAgentRun } from "@/lib/agent";

const params = z.strictObject({ projectId: z.uuid(), runId: z.uuid() });

/** Aborts a running run and its model request; what it changed so far stays, as one commit. */
export const POST = route({ access: "project:editor", summary: "Stop a running agent run", params }, async ({ scope, params }) => ({ stopped: await stopAgentRun(scope, params.runId) }));

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = notAllowed({ POST });
