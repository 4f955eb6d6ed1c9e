import { checkReadiness, route, notAllowed } from "@/lib/http";

/** Readiness: the registry database answers and takes writes, migrations are applied, every store takes a write (else 503 naming the cause). */
export const GET = route({ access: "public", summary: "Readiness: database, migrations and stores" }, () => checkReadiness());

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed({ GET });
