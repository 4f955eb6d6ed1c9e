import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import { AppError } from "@/lib/errors";
import type { TenantScope } from "@/lib/auth";
import { applyToFile, type TenantMigration } from "./apply-migrations";
import { openTenantDb, tenantDbPath, tenantDir } from "./open-tenant-db";
import { runInLane } from "./query-lanes";
import { replyError } from "./reply-error";
import type { TenantEnv } from "./tenant-env";

const COPY_TIMEOUT_MS = 60_000;

/**
 * Applies `migrations` to a throw-away copy of `env`'s database (taken online, in the tenant's lane)
 * and returns the names that would apply; a migration that fails there is unprocessable, naming it and
 * the environment, and the real database is never touched.
 */
export async function checkMigrationsOnCopy(scope: TenantScope, env: TenantEnv, migrations: TenantMigration[]): Promise<string[]> {
  openTenantDb(scope, env); // an environment never deployed to is an empty database
  const copy = path.join(tenantDir(scope), "checks", `${env}-${randomUUID()}.sqlite`);
  await fs.promises.mkdir(path.dirname(copy), { recursive: true, mode: 0o700 });
  try {
    const reply = await runInLane(scope.projectId, { op: "backup", file: tenantDbPath(scope, env), target: copy }, COPY_TIMEOUT_MS, { projectId: scope.projectId, env });
    if (!reply.ok) throw replyError(reply, "Copying the database", "env");
    const db = new Database(copy, { fileMustExist: true });
    try {
      return await applyToFile(scope, { env, file: copy, db }, migrations);
    } catch (err) {
      if (err instanceof AppError) throw new AppError(err.code, `On a copy of the ${env} database: ${err.message}`, err.field);
      throw err;
    } finally {
      db.close();
    }
  } finally {
    await Promise.all(["", "-wal", "-shm"].map((suffix) => fs.promises.rm(`${copy}${suffix}`, { force: true })));
  }
}
