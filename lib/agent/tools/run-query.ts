import { z } from "zod";
import { runTenantQuery, type CellValue } from "@/lib/tenant-db";
import { defineTool } from "../tool";
import type { ToolSession } from "./session";

const DEFAULT_ROWS = 50;
const MAX_ROWS = 200;
/** Roughly what a result may take in the model's context, as JSON. */
const MAX_RESULT_CHARS = 16_000;

const Param = z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]);

/** Rows kept while the result stays within MAX_RESULT_CHARS. */
function rowsThatFit(rows: CellValue[][]): CellValue[][] {
  let size = 0;
  const kept: CellValue[][] = [];
  for (const row of rows) {
    size += JSON.stringify(row).length + 1;
    if (size > MAX_RESULT_CHARS) break;
    kept.push(row);
  }
  return kept;
}

/** run_query: one read-only SELECT on the dev database. */
export function runQueryTool(session: ToolSession) {
  return defineTool({
    name: "run_query",
    readOnly: true,
    description: "Run one read-only SELECT on the app's database (dev), with ? placeholders bound to params; rows come back as arrays in column order.",
    input: z.strictObject({
      sql: z.string().min(1).max(20_000),
      params: z.array(Param).max(100).optional(),
      limit: z.number().int().min(1).max(MAX_ROWS).optional().describe(`most rows to return (default ${DEFAULT_ROWS})`),
    }),
    async run({ sql, params, limit }) {
      const result = await runTenantQuery(session.scope, "dev", { sql, params, limit: limit ?? DEFAULT_ROWS });
      const rows = rowsThatFit(result.rows);
      const truncated = result.truncated || rows.length < result.rows.length;
      return { columns: result.columns, rows, rowCount: rows.length, ...(truncated && { truncated: "more rows matched; narrow the query or lower the limit" }) };
    },
  });
}
