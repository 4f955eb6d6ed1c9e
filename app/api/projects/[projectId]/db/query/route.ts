import { z } from "zod";
import { route, notAllowed } from "@/lib/http";
import { QueryInput, runTenantQuery } from "@/lib/tenant-db";

const params = z.strictObject({ projectId: z.uuid() });

/** One read-only, parameterised SELECT with row and time limits. */
export const POST = route({ access: "project:viewer", params, body: QueryInput }, ({ scope, body }) => runTenantQuery(scope, body.env, body));

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = notAllowed({ POST });
