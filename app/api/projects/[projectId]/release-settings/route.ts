import { z } from "zod";
import { notAllowed, route } from "@/lib/http";
import { ReleaseSettings, getReleaseSettings, updateReleaseSettings } from "@/lib/releases";

const params = z.strictObject({ projectId: z.uuid() });

/** Whether editors may deploy, promote and roll back (owners always may). */
export const GET = route({ access: "project:viewer", summary: "Whether editors may deploy, promote and roll back", params }, ({ scope }) => getReleaseSettings(scope));

export const PUT = route({ access: "project:owner", summary: "Set whether editors may deploy, promote and roll back", params, body: ReleaseSettings }, ({ scope, body }) => updateReleaseSettings(scope, body));

export const { POST, PATCH, DELETE, OPTIONS } = notAllowed({ GET, PUT });
