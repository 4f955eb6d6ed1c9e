import { z } from "zod";
import { route, notAllowed } from "@/lib/http";
import { applyWorkspaceMigrations } from "@/lib/tenant-db";

const params = z.strictObject({ projectId: z.uuid() });
// staging and prod change schema only through a deploy: snapshot first, audited, by who may deploy.
const env = z.literal("dev", { error: "only dev is migrated here; staging and prod get their migrations by deploying a release" });
const body = z.strictObject({ env, confirmDestructive: z.boolean().default(false) });

/** Applies the workspace's pending migration files to the dev database. */
export const POST = route({ access: "project:editor", summary: "Apply the workspace's pending migrations to the dev database", params, limits: ["migrations"], body }, async ({ scope, body }) => ({
  applied: await applyWorkspaceMigrations(scope, body.env, body.confirmDestructive),
}));

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = notAllowed({ POST });
