import { z } from "zod";
import { route, notAllowed } from "@/lib/http";
import { UndoRunInput, planUndo, undoAgentRun } from "@/lib/agent";

const params = z.strictObject({ projectId: z.uuid(), runId: z.uuid() });

/** What undoing the run would revert: its commits, later runs and edits, files, and the dev database. */
export const GET = route({ access: "project:editor", summary: "What undoing an agent run would revert", params }, ({ scope, params }) => planUndo(scope, params.runId));

/** Undoes the run as its plan said, if the project's HEAD is still the plan's (`expectedHead`); else 409. */
export const POST = route({ access: "project:editor", summary: "Undo an agent run, if HEAD is still the plan's", params, body: UndoRunInput }, ({ scope, params, body, log }) =>
  undoAgentRun(scope, params.runId, body, log),
);

export const { PUT, PATCH, DELETE, OPTIONS } = notAllowed({ GET, POST });
