import { z } from "zod";
import { CreateMigrationInput, MigrationOperations, createMigration, getTenantSchema } from "@/lib/tenant-db";
import { defineTool } from "../tool";
import { formatSchema } from "./format-schema";
import type { ToolSession } from "./session";

/** change_db_schema: structured operations → the next migration, applied to dev and committed. */
export function changeDbSchemaTool(session: ToolSession) {
  return defineTool({
    name: "change_db_schema",
    description:
      "Change the database schema with structured operations (create_table, add_column, drop_column, rename_column, drop_table, create_index, drop_index); raw SQL is not accepted. Dropping data needs confirmDestructive: true.",
    input: z.strictObject({
      name: CreateMigrationInput.shape.name.describe("what the change does, in snake_case, e.g. add_todos"),
      operations: MigrationOperations,
      confirmDestructive: z.boolean().optional(),
    }),
    async run({ name, operations, confirmDestructive }) {
      const created = await createMigration(session.scope, { name, operations, confirmDestructive: confirmDestructive ?? false }, session.log);
      session.changedPaths.add(created.path);
      const schema = formatSchema(await getTenantSchema(session.scope, "dev"));
      return { migration: created.path, sql: created.sql, schema };
    },
  });
}
