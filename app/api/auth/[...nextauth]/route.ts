import { checkAuthRequest, handlers } from "@/lib/auth";
import { guardHandler, notAllowed } from "@/lib/http";

export const GET = guardHandler(handlers.GET, checkAuthRequest);
export const POST = guardHandler(handlers.POST, checkAuthRequest);

export const { PUT, PATCH, DELETE, OPTIONS } = notAllowed({ GET, POST });
