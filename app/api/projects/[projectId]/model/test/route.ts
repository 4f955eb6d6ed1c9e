import { z } from "zod";
import { notAllowed, route } from "@/lib/http";
import { testProjectModel } from "@/lib/agent";

const params = z.strictObject({ projectId: z.uuid() });

/** Sends a one-line completion to the project's model: `{ok, latencyMs, model}` or `{ok: false, message}`. */
export const POST = route({ access: "project:editor", summary: "Send a one-line completion to the project's model", params }, ({ scope }) => testProjectModel(scope));

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = notAllowed({ POST });
