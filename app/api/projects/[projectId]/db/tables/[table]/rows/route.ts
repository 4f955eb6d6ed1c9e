import { z } from "zod";
import { created, route, notAllowed } from "@/lib/http";
import {
  DeleteRowInput,
  InsertRowInput,
  RowChangeQuery,
  RowsQuery,
  UpdateRowInput,
  browseTenantRows,
  deleteTenantRow,
  insertTenantRow,
  updateTenantRow,
} from "@/lib/tenant-db";

const params = z.strictObject({ projectId: z.uuid(), table: z.string().min(1).max(64) });

/** A page of a table's rows; pass `nextCursor` back as `cursor` for the next. Cancelled when the client goes away. */
export const GET = route({ access: "project:viewer", summary: "A page of a table's rows", params, limits: ["queries"], query: RowsQuery }, ({ scope, params, query, req }) =>
  browseTenantRows(scope, query.env, params.table, { cursor: query.cursor, limit: query.limit }, { signal: req.signal }),
);

/** `{values}`: adds a row to a dev table; answers `{columns, row, key}`. */
export const POST = route({ access: "project:editor", summary: "Add a row to a dev table", params, query: RowChangeQuery, body: InsertRowInput }, async ({ scope, params, query, body, req }) =>
  created(await insertTenantRow(scope, query.env, params.table, body, { signal: req.signal })),
);

/** `{key, values}`: changes the dev row with that primary key; answers `{columns, row, key}`. */
export const PATCH = route({ access: "project:editor", summary: "Change the dev row with that primary key", params, query: RowChangeQuery, body: UpdateRowInput }, ({ scope, params, query, body, req }) =>
  updateTenantRow(scope, query.env, params.table, body, { signal: req.signal }),
);

/** `{key}`: deletes the dev row with that primary key (a JSON body, as PATCH takes it). */
export const DELETE = route({ access: "project:editor", summary: "Delete the dev row with that primary key", params, query: RowChangeQuery, body: DeleteRowInput }, async ({ scope, params, query, body, req }) => {
  await deleteTenantRow(scope, query.env, params.table, body, { signal: req.signal });
});

export const { PUT, OPTIONS } = notAllowed({ GET, POST, PATCH, DELETE });
