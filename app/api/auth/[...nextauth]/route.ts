import { handlers } from "@/lib/auth";
import { notAllowed } from "@/lib/http";

export const { GET, POST } = handlers;

export const { PUT, PATCH, DELETE, OPTIONS } = notAllowed({ GET, POST });
