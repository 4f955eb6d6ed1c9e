import { checkAuthRequest, handlers } from "@/lib/auth";
import { guardHandler, notAllowed } from "@/lib/http";

export const GET = guardHandler(handlers.GET, { field: "nextauth", check: checkAuthRequest });
export const POST = guardHandler(handlers.POST, { field: "nextauth", check: checkAuthRequest });

export const { PUT, PATCH, DELETE, OPTIONS } = notAllowed({ GET, POST });
