import { z } from "zod";
import { notAllowed, route } from "@/lib/http";
import { getReleaseDetail } from "@/lib/releases";

const params = z.strictObject({ projectId: z.uuid(), releaseId: z.uuid() });

/** One release, its artifacts, and its diff to the release before (artifacts and files). */
export const GET = route({ access: "project:viewer", summary: "A release, its artifacts and its diff to the one before", params }, ({ scope, params }) => getReleaseDetail(scope, params.releaseId));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed({ GET });
