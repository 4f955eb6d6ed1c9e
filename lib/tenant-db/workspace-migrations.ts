import type { ProjectScope } from "@/lib/auth";
import { recordAuditNow } from "@/lib/db";
import { listFiles, readFile } from "@/lib/workspace";
import { applyTenantMigrations, type TenantMigration } from "./apply-migrations";
import type { TenantEnv } from "./tenant-env";

/** Migration files live at db/migrations/NNNN_<name>.sql; the file name without .sql is the migration's name. */
export const MIGRATION_FILE = /^db\/migrations\/(\d{4}_[a-z0-9_]{1,60})\.sql$/;

/** The workspace's migration files, in order, as migrations. */
export async function readWorkspaceMigrations(scope: ProjectScope): Promise<TenantMigration[]> {
  const files = (await listFiles(scope)).filter((f) => MIGRATION_FILE.test(f.path));
  return Promise.all(
    files.map(async (f) => ({ name: MIGRATION_FILE.exec(f.path)?.[1] ?? f.path, sql: (await readFile(scope, f.path)).content })),
  );
}

/** Applies the workspace's pending migrations to `env` (in order, each in a transaction); returns the names applied. */
export async function applyWorkspaceMigrations(scope: ProjectScope, env: TenantEnv, confirmDestructive = false): Promise<string[]> {
  const applied = await applyTenantMigrations(scope, env, await readWorkspaceMigrations(scope), { confirmDestructive });
  if (applied.length > 0) {
    await recordAuditNow({ projectId: scope.projectId, actorId: scope.userId }, "migrations.applied", { env, migrations: applied, confirmDestructive });
  }
  return applied;
}
