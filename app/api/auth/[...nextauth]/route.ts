import { authHandlers } from "@/lib/http";

export const { GET, POST } = authHandlers;
