import { randomUUID } from "node:crypto";
import { AppError } from "@/lib/errors";
import type { TenantScope } from "@/lib/auth";
import { applyTo, type TenantMigration } from "./apply-migrations";
import { tenantDbBackend } from "./current-backend";
import { replyError } from "./reply-error";
import type { TenantEnv } from "./tenant-env";

const COPY_TIMEOUT_MS = 60_000;

/**
 * Applies `migrations` to a throw-away copy of `env`'s database (taken online, in the tenant's lane)
 * and returns the names that would apply; a migration that fails there is unprocessable, naming it and
 * the environment, and the real database is never touched.
 */
export async function checkMigrationsOnCopy(scope: TenantScope, env: TenantEnv, migrations: TenantMigration[]): Promise<string[]> {
  const backend = tenantDbBackend();
  const copy = { env, scratch: randomUUID() };
  try {
    const reply = await backend.copy(scope, copy, COPY_TIMEOUT_MS);
    if (!reply.ok) throw replyError(reply, "Copying the database", "env");
    try {
      return await applyTo(scope, copy, migrations);
    } catch (err) {
      if (err instanceof AppError) throw new AppError(err.code, `On a copy of the ${env} database: ${err.message}`, err.field);
      throw err;
    }
  } finally {
    await backend.discard(scope, copy);
  }
}
