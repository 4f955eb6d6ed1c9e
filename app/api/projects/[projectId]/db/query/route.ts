import { z } from "zod";
import { route, notAllowed } from "@/lib/http";
import { QueryInput, runTenantQuery } from "@/lib/tenant-db";

const params = z.strictObject({ projectId: z.uuid() });

/** One read-only, parameterised SELECT with row and time limits; cancelled when the client goes away. */
export const POST = route({ access: "project:viewer", summary: "Run one read-only, parameterised SELECT", params, limits: ["queries"], body: QueryInput }, ({ scope, body, req }) =>
  runTenantQuery(scope, body.env, body, { signal: req.signal }),
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = notAllowed({ POST });
