import { z } from "zod";
import { route, notAllowed } from "@/lib/http";
import { FunctionSettings, readFunctionSettings, updateFunctionSettings } from "@/lib/functions";

const params = z.strictObject({ projectId: z.uuid() });

/** The overrides and the defaults they replace; a limit left unset runs at its default. */
export const GET = route({ access: "project:viewer", summary: "Function limits and allowed hosts, with their defaults", params }, ({ scope }) => readFunctionSettings(scope.projectId));

/** Limits (heap, CPU, wall time, response, logs, concurrency) and the hosts ctx.fetch may reach. */
export const PUT = route({ access: "project:owner", summary: "Set function limits and the hosts ctx.fetch may reach", params, body: FunctionSettings }, ({ scope, body }) => updateFunctionSettings(scope, body));

export const { POST, PATCH, DELETE, OPTIONS } = notAllowed({ GET, PUT });
