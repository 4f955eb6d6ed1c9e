import { z } from "zod";
import { route, notAllowed } from "@/lib/http";
import { FunctionSettings, getFunctionSettings, updateFunctionSettings } from "@/lib/functions";

const params = z.strictObject({ projectId: z.uuid() });

export const GET = route({ access: "project:viewer", params }, ({ scope }) => getFunctionSettings(scope.projectId));

/** Limits (heap, CPU, wall time, response, logs, concurrency) and the hosts ctx.fetch may reach. */
export const PUT = route({ access: "project:owner", params, body: FunctionSettings }, ({ scope, body }) => updateFunctionSettings(scope, body));

export const { POST, PATCH, DELETE, OPTIONS } = notAllowed({ GET, PUT });
