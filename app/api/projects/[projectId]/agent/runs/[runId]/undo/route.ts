import { z } from "zod";
import { route, notAllowed } from "@/lib/http";
import { undoAgentRun } from "@/lib/agent";

const params = z.strictObject({ projectId: z.uuid(), runId: z.uuid() });

/** Restores the workspace to the commit before the run, as a new commit (and the dev database, if the run changed its schema). */
export const POST = route({ access: "project:editor", params }, ({ scope, params, log }) => undoAgentRun(scope, params.runId, log));

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = notAllowed({ POST });
