import { notAllowed, route } from "@/lib/http";
import { AuditQuery, readPlatformAudit } from "@/lib/projects";

/** Every audit event of the platform, newest first: filters (project too), cursor pages, or `format=jsonl`; platform admin only. */
export const GET = route({ access: "admin", summary: "Every audit event of the platform, filtered and paged, or exported as JSON lines", query: AuditQuery }, ({ identity, query }) => readPlatformAudit(identity, query));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed({ GET });
