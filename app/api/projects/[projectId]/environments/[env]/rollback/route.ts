import { z } from "zod";
import { notAllowed, route } from "@/lib/http";
import { DeployEnv } from "@/lib/sdui";
import { RollbackInput, planRollback, rollbackEnvironment } from "@/lib/releases";

const params = z.strictObject({ projectId: z.uuid(), env: DeployEnv });
const query = z.strictObject({ deploymentId: z.uuid() });

/** What rolling back to that deployment means: compatible as is, or the snapshot and what restoring it loses. */
export const GET = route({ access: "project:editor", summary: "What rolling back to an earlier deployment means", params, query }, ({ scope, params, query }) => planRollback(scope, params.env, query.deploymentId));

/** Serves the earlier deployment's release again, no rebuild; restoreData when its schema needs the snapshot. */
export const POST = route({ access: "project:editor", summary: "Serve an earlier deployment's release again", params, body: RollbackInput }, async ({ scope, params, body, log }) =>
  rollbackEnvironment(scope, params.env, body, log),
);

export const { PUT, PATCH, DELETE, OPTIONS } = notAllowed({ GET, POST });
