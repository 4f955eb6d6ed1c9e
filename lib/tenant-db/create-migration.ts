import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { ProjectScope } from "@/lib/auth";
import type { Logger } from "@/lib/log";
import { applyChanges, assertWorkspaceWritable, withProjectLock, type CommitInfo } from "@/lib/workspace";
import { applyTenantMigrations } from "./apply-migrations";
import { MigrationOperations, planOperations } from "./plan-operations";
import { validateMigration } from "./validate-migration";
import { readWorkspaceMigrations } from "./workspace-migrations";

export const CreateMigrationInput = z
  .strictObject({
    name: z.string().regex(/^[a-z0-9_]{1,60}$/, "must be 1-60 lowercase letters, digits or _ (e.g. add_todos)"),
    sql: z.string().min(1).max(200_000).optional(),
    operations: MigrationOperations.optional(),
    confirmDestructive: z.boolean().default(false),
  })
  .refine((v) => (v.sql === undefined) !== (v.operations === undefined), { message: "give either sql or operations", path: ["sql"] });
export type CreateMigrationInput = z.infer<typeof CreateMigrationInput>;

/** The migration written: its file, the commit that added it, the SQL, and what dev applied. */
export type CreatedMigration = { name: string; path: string; sql: string; commit: CommitInfo | null; applied: string[] };

async function create(scope: ProjectScope, input: CreateMigrationInput, log: Logger): Promise<CreatedMigration> {
  // Checked before dev is migrated: a migration whose file could not be committed must not be applied.
  await assertWorkspaceWritable(scope);
  const sql = input.sql ?? planOperations(input.operations ?? []);
  validateMigration(sql);
  const existing = await readWorkspaceMigrations(scope);
  const last = existing.map((m) => Number(m.name.slice(0, 4))).reduce((a, b) => Math.max(a, b), 0);
  if (last >= 9999) throw new AppError("conflict", "This project has 9999 migrations; no number is left.", "name");
  const name = `${String(last + 1).padStart(4, "0")}_${input.name}`;
  const path = `db/migrations/${name}.sql`;
  const text = sql.endsWith("\n") ? sql : `${sql}\n`;
  // Dev is migrated first: a migration that fails there is never written, so the workspace only ever
  // holds migrations that applied. The checksum is of the file's exact text.
  const applied = await applyTenantMigrations(scope, "dev", [...existing, { name, sql: text }], { confirmDestructive: input.confirmDestructive });
  const { commit } = await applyChanges(scope, { message: `Migration ${name}`, changes: [{ op: "create", path, content: text, encoding: "utf8" }] }, log);
  log.info("tenant_db.migration.created", { projectId: scope.projectId, migration: name, applied: applied.length });
  return { name, path, sql: text, commit, applied };
}

/**
 * Turns SQL or structured operations into the next numbered migration file, applies it to dev (with
 * any earlier pending ones), then commits the file. A migration that fails leaves neither a file nor a
 * trace in the database.
 */
export function createMigration(scope: ProjectScope, input: CreateMigrationInput, log: Logger): Promise<CreatedMigration> {
  // One migration is made at a time per project, so two requests cannot take the same number.
  return withProjectLock(`${scope.projectId}:migration`, () => create(scope, input, log));
}
