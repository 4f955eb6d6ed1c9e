import type { TenantScope } from "@/lib/auth";
import type { AppliedMigration } from "./backend";
import { tenantDbBackend } from "./current-backend";
import type { TenantEnv } from "./tenant-env";

export type { AppliedMigration } from "./backend";

/** The migrations applied to `env`'s database, in name order. */
export function listAppliedMigrations(scope: TenantScope, env: TenantEnv): Promise<AppliedMigration[]> {
  return tenantDbBackend().appliedMigrations(scope, { env });
}
