import { z } from "zod";
import { route, notAllowed } from "@/lib/http";
import { TenantEnv, getTenantSchema } from "@/lib/tenant-db";

const params = z.strictObject({ projectId: z.uuid() });
const query = z.strictObject({ env: TenantEnv });

/** Tables, columns, keys, indexes and row counts of one environment's database. */
export const GET = route({ access: "project:viewer", summary: "Tables, columns, keys, indexes and row counts of an environment's database", params, limits: ["queries"], query }, ({ scope, query, req }) =>
  getTenantSchema(scope, query.env, { signal: req.signal }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed({ GET });
