import { checkAuthRequest } from "@/lib/auth";
import { authHandlers, guardHandler, notAllowed } from "@/lib/http";

export const GET = guardHandler(authHandlers.GET, { field: "nextauth", check: checkAuthRequest });
export const POST = guardHandler(authHandlers.POST, { field: "nextauth", check: checkAuthRequest });

export const { PUT, PATCH, DELETE, OPTIONS } = notAllowed({ GET, POST });
