// Types for prisma/schema-engine.mjs, as far as TypeScript callers (the migration tests) use it.
import type { PGlite } from "@electric-sql/pglite";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";

export type MigrationsList = {
  baseDir: string;
  lockfile: { path: string; content: string | null };
  shadowDbInitScript: string;
  migrationDirectories: { path: string; migrationFile: { path: string; content: { tag: "ok" | "error"; value: string } } }[];
};
export type SchemasContainer = { files: { path: string; content: string }[] };
export type Filters = { externalTables: string[]; externalEnums: string[] };

type DiffTarget =
  | { tag: "empty" }
  | ({ tag: "migrations" } & MigrationsList)
  | ({ tag: "schemaDatamodel" } & SchemasContainer)
  | ({ tag: "schemaDatasource"; configDir: string } & SchemasContainer);

/** The subset of @prisma/schema-engine-wasm's SchemaEngine that Myco calls. */
export interface SchemaEngine {
  applyMigrations(input: { migrationsList: MigrationsList; filters: Filters }): Promise<{ appliedMigrationNames: string[] }>;
  diagnoseMigrationHistory(input: { migrationsList: MigrationsList; optInToShadowDatabase: boolean; filters: Filters }): Promise<{
    editedMigrationNames: string[];
    failedMigrationNames: string[];
    hasMigrationsTable: boolean;
    history: unknown;
  }>;
  diff(input: { from: DiffTarget; to: DiffTarget; script: boolean; exitCode: boolean | null; filters: Filters }): Promise<{
    exitCode: number;
    stdout: string | null;
  }>;
  free(): void;
}

export type Target =
  | { kind: "postgres"; label: string; factory: SqlMigrationAwareDriverAdapterFactory; close(): Promise<void> }
  | { kind: "pglite"; label: string; db: PGlite; factory: SqlMigrationAwareDriverAdapterFactory; close(): Promise<void> };

export function readMigrationsList(migrationsDir: string): MigrationsList;
export const noFilters: Filters;
export function schemasContainer(schemaPath: string): SchemasContainer;
export function openSchemaEngine(options: {
  schemaPath: string;
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  debug?: boolean;
}): Promise<SchemaEngine>;
export function pgliteFactory(db: PGlite): SqlMigrationAwareDriverAdapterFactory;
export function pgFactory(connectionString: string): SqlMigrationAwareDriverAdapterFactory & { end(): Promise<void> };
export function assertPgliteVersion(dir: string): void;
export function openTarget(
  env?: Record<string, string | undefined>,
  options?: { ephemeral?: boolean },
): Promise<Target>;
