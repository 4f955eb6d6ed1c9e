import { route, notAllowed } from "@/lib/http";

/** Liveness: the process answers. Readiness (database, migrations) is /api/ready. */
export const GET = route({ access: "public", summary: "Liveness: the process answers" }, () => ({ status: "ok" }));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed({ GET });
