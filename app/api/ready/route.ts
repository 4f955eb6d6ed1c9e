import { checkReadiness, route, notAllowed } from "@/lib/http";

/** Readiness: the registry database answers and every committed migration is applied (else 503). */
export const GET = route({ access: "public" }, () => checkReadiness());

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed({ GET });
