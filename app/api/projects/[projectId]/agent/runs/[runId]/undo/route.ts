import { z } from "zod";
import { route } from "@/lib/http";
import { undoAgentRun } from "@/lib/agent";

const params = z.strictObject({ projectId: z.uuid(), runId: z.uuid() });

/** Restores the workspace to the commit before the run, as a new commit. */
export const POST = route({ access: "project:editor", params }, async ({ scope, params, log }) => ({ run: await undoAgentRun(scope, params.runId, log) }));
