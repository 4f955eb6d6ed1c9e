import { AppError } from "@/lib/errors";

/**
 * Migration files are made only by change_db_schema (structured operations, applied to dev before the
 * file is committed); a hand-written one would hold SQL that never passed that path.
 */
export function refuseMigrationPath(path: string): void {
  if (path === "db/migrations" || path.startsWith("db/migrations/")) {
    throw new AppError("forbidden", `${path} is a migration file: use change_db_schema; raw SQL is not accepted.`, "path");
  }
}
