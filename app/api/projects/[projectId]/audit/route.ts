import { z } from "zod";
import { notAllowed, route } from "@/lib/http";
import { AuditQuery, readProjectAudit } from "@/lib/projects";

const params = z.strictObject({ projectId: z.uuid() });

/** The project's audit events, newest first: filters, cursor pages, or `format=jsonl` for a download; owners only. */
export const GET = route({ access: "project:owner", summary: "The project's audit events, filtered and paged, or exported as JSON lines", params, query: AuditQuery }, ({ scope, query }) => readProjectAudit(scope, query));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed({ GET });
