import { z } from "zod";
import { route, notAllowed } from "@/lib/http";
import { RowsQuery, browseTenantRows } from "@/lib/tenant-db";

const params = z.strictObject({ projectId: z.uuid(), table: z.string().min(1).max(64) });

/** A page of a table's rows; pass `nextCursor` back as `cursor` for the next. Cancelled when the client goes away. */
export const GET = route({ access: "project:viewer", params, limits: ["queries"], query: RowsQuery }, ({ scope, params, query, req }) =>
  browseTenantRows(scope, query.env, params.table, { cursor: query.cursor, limit: query.limit }, { signal: req.signal }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed({ GET });
