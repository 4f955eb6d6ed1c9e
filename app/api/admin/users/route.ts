import { route, notAllowed } from "@/lib/http";
import { listUsers } from "@/lib/auth";

export const GET = route({ access: "admin", summary: "List every user (platform admins)" }, () => listUsers());

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed({ GET });
