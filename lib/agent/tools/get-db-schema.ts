import { z } from "zod";
import { getTenantSchema } from "@/lib/tenant-db";
import { defineTool } from "../tool";
import { formatSchema } from "./format-schema";
import type { ToolSession } from "./session";

/** get_db_schema: the dev database's tables, columns, keys, indexes and row counts. */
export function getDbSchemaTool(session: ToolSession) {
  return defineTool({
    name: "get_db_schema",
    readOnly: true,
    description: "Show the app's database (dev): each table with its columns, types, keys, indexes and row count.",
    input: z.strictObject({}),
    run: async () => formatSchema(await getTenantSchema(session.scope, "dev")),
  });
}
