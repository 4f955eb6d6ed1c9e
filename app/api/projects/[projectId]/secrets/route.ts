import { z } from "zod";
import { route, notAllowed } from "@/lib/http";
import { listSecrets } from "@/lib/functions";

const params = z.strictObject({ projectId: z.uuid() });

/** Secret names and when they changed; values are never returned. */
export const GET = route({ access: "project:editor", summary: "Secret names and when they changed, never values", params }, ({ scope }) => listSecrets(scope));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed({ GET });
