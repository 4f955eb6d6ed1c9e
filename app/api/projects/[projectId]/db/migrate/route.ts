import { z } from "zod";
import { route, notAllowed } from "@/lib/http";
import { TenantEnv, applyWorkspaceMigrations } from "@/lib/tenant-db";

const params = z.strictObject({ projectId: z.uuid() });
const body = z.strictObject({ env: TenantEnv, confirmDestructive: z.boolean().default(false) });

/** Applies the workspace's pending migration files to one environment's database. */
export const POST = route({ access: "project:editor", params, limits: ["migrations"], body }, async ({ scope, body }) => ({
  applied: await applyWorkspaceMigrations(scope, body.env, body.confirmDestructive),
}));

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = notAllowed({ POST });
