import { z } from "zod";
import { created, route, notAllowed } from "@/lib/http";
import { CreateMigrationInput, TenantEnv, createMigration, listAppliedMigrations } from "@/lib/tenant-db";

const params = z.strictObject({ projectId: z.uuid() });
const query = z.strictObject({ env: TenantEnv });

/** The migrations an environment's database has applied. */
export const GET = route({ access: "project:viewer", summary: "The migrations an environment's database has applied", params, query }, ({ scope, query }) => listAppliedMigrations(scope, query.env));

/** `{name, sql}` or `{name, operations}`: writes db/migrations/NNNN_name.sql, applies it to dev, commits it. */
export const POST = route({ access: "project:editor", summary: "Write a migration, apply it to dev and commit it", params, limits: ["migrations"], body: CreateMigrationInput }, async ({ scope, body, log }) =>
  created(await createMigration(scope, body, log)),
);

export const { PUT, PATCH, DELETE, OPTIONS } = notAllowed({ GET, POST });
